import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messagesByLocale } from '../../i18n/messages.js';
import { lookupMessage } from '../../i18n/messages.js';
import { auditActionKey, auditActions } from './audit-actions.js';

const sourceRoot = join(import.meta.dirname, '../../..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === 'web' ? [] : sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('audit actions', () => {
  it('list every action the server records', () => {
    const recorded = new Set<string>();
    for (const file of sourceFiles(sourceRoot)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/recordAudit\([^;]*?action: '([a-z.-]+)'/gs)) recorded.add(match[1]);
    }
    expect(recorded.size).toBeGreaterThan(15);
    expect([...auditActions].sort()).toEqual([...recorded].sort());
  });

  it('are named in every language', () => {
    for (const action of auditActions) {
      for (const messages of Object.values(messagesByLocale)) {
        const key = auditActionKey(action)!;
        expect(lookupMessage(messages, key)).not.toBe(key);
      }
    }
    expect(auditActionKey('something.new')).toBeNull();
  });
});
