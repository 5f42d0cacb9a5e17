import { describe, expect, it } from 'vitest';
import { auditDetailText } from './audit-output.js';

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
