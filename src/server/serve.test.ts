import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { insertStaffUser } from '../auth/users.repo.js';
import { openRuntime } from '../runtime/open-runtime.js';
import { serve } from './serve.js';

// A store whose first staff user was an agent (`users create --role agent` on a new directory)
// printed "Sign in with your staff account (owner: owner@clientele.local)", an account that did not exist.
const directory = mkdtempSync(join(tmpdir(), 'clientele-serve-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function addStaff(email: string, role: 'agent' | 'owner', disabled = false): Promise<void> {
  const runtime = await openRuntime({ db: directory, autoMigrate: true });
  try {
    await insertStaffUser(runtime.db, { email, name: '', role, passwordHash: 'not-a-hash', mustChangePassword: false });
    if (disabled) await runtime.db.updateTable('staff_user').set({ disabled_at: new Date() }).where('email', '=', email).execute();
  } finally {
    await runtime.store.close();
  }
}

async function startUpText(): Promise<string> {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { written.push(String(chunk)); return true; });
  const server = await serve({ db: directory, port: 0, host: '127.0.0.1', demo: false });
  await server.close();
  vi.restoreAllMocks();
  return written.join('');
}

describe('the sign-in line a server prints at start', () => {
  it('says no owner can sign in, and how to add one, when the staff hold none; then names the active owners only', async () => {
    await addStaff('agent@example.com', 'agent');
    const none = await startUpText();
    expect(none).toContain('No owner can sign in');
    expect(none).toContain('clientele users create --role owner');
    expect(none).not.toContain('owner@clientele.local');

    await addStaff('gone@example.com', 'owner', true);
    expect(await startUpText()).toContain('No owner can sign in');

    await addStaff('sari@example.com', 'owner');
    const named = await startUpText();
    expect(named).toContain('Sign in with your staff account (owner: sari@example.com).');
    expect(named).not.toContain('gone@example.com');
  }, 120_000);
});
