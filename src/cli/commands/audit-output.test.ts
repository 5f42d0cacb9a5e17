import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../auth/index.js';
import { auditDetailText, auditPageSince } from './audit-output.js';

describe('auditDetailText', () => {
  it.each([
    ['reads an edit as each field from → to, without repeating the field names', { fields: ['city', 'name'], before: { city: 'Bandung', name: null }, after: { city: 'Jakarta', name: 'Ana' }, identities: 1 },
      'city: Bandung → Jakarta; name: (none) → Ana; identities: 1'],
    ["reads a staff user's change, which names it `changed`", { email: 'sari@example.com', before: { role: 'admin', disabled: false, name: 'Sari' }, changed: { role: 'analyst' } },
      'role: admin → analyst; email: sari@example.com'],
    ['lists other details as they are, lists joined', { name: 'feed', prefix: 'ab12', scopes: ['read', 'ingest'] }, 'name: feed; prefix: ab12; scopes: read,ingest'],
    ['keeps field names when there is no before and after', { fields: ['name', 'email'] }, 'fields: name,email'],
    ['shows nothing for no detail', {}, ''],
    ['shows nothing for a null detail', null, ''],
  ])('%s', (_, detail, text) => {
    expect(auditDetailText(detail)).toBe(text);
  });
});

describe('auditPageSince', () => {
  const event = (auditId: number, at: string): AuditEvent => ({ auditId, occurredAt: new Date(at), actor: 'system', action: 'x', entity: 'store', entityId: null, detail: {} });
  const page = { items: [event(9, '2026-03-02T00:00:00Z'), event(8, '2026-03-01T00:00:00Z'), event(7, '2026-02-28T00:00:00Z')], nextBefore: 7 };

  it('keeps the entries from the time on and offers no next page once an older one is reached', () => {
    expect(auditPageSince(page, new Date('2026-03-01T00:00:00Z'))).toEqual({ items: page.items.slice(0, 2), nextCursor: null });
  });

  it('offers the next page while every entry is recent enough, and without a time', () => {
    expect(auditPageSince(page, new Date('2026-01-01T00:00:00Z')).nextCursor).toBe('7');
    expect(auditPageSince(page, null)).toEqual({ items: page.items, nextCursor: '7' });
  });
});
