import { describe, expect, it } from 'vitest';
import { auditDetailText } from './audit-output.js';

describe('auditDetailText', () => {
  it.each([
    ['reads an edit as each field from → to, without repeating the field names', { fields: ['city', 'name'], before: { city: 'Bandung', name: null }, after: { city: 'Jakarta', name: 'Ana' }, identities: 1 },
      'city: Bandung → Jakarta; name: (none) → Ana; identities: 1'],
    ["reads an edit's identities as what it did to them, an older edit's 0 as nothing", { fields: ['city'], before: { city: 'Bandung' }, after: { city: 'Jakarta' }, identities: 0 },
      'city: Bandung → Jakarta'],
    ['says which identity a changed phone replaced, naming its new value once, and what else was added or kept', {
      fields: ['phone'], before: { phone: '+12125550199' }, after: { phone: '+442079460958' }, identities: 2,
      addedIdentities: [{ kind: 'phone', namespace: '', value: '+442079460958' }, { kind: 'external', namespace: 'loyalty_card', value: 'LC-1' }],
      replacedIdentities: [{ kind: 'phone', from: '+12125550199', to: '+442079460958' }, { kind: 'email', from: 'old@example.com', to: null }],
      keptIdentities: [{ kind: 'phone', value: '+6281355550101', mergeId: 4 }],
    }, 'phone: +12125550199 → +442079460958; identities: phone +12125550199 replaced by +442079460958, email old@example.com removed with the field, added loyalty_card LC-1, phone +6281355550101 kept (merge 4 brought it; undo the merge to remove it)'],
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
