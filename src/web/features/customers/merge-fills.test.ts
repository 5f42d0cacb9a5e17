import { describe, expect, it } from 'vitest';
import { fillableFields, mergeFills } from './merge-fills.js';

const empty = Object.fromEntries(fillableFields.map((field) => [field, null])) as Record<(typeof fillableFields)[number], null>;

describe('mergeFills', () => {
  it('lists the fields the kept customer has empty and the other has, and never one the kept customer has', () => {
    const kept = { ...empty, name: 'Ratna Lim', email: null, city: 'Medan', consent_email: false };
    const other = { ...empty, name: 'Sri Firmansyah', email: 'sri@example.com', birth_year: 1995, city: 'Jakarta', consent_email: true, consent_sms: false };
    expect(mergeFills(kept, other)).toEqual([
      { field: 'email', value: 'sri@example.com' },
      { field: 'birth_year', value: 1995 },
      { field: 'consent_sms', value: false },
    ]);
  });

  it('lists nothing when the other customer adds nothing', () => {
    expect(mergeFills({ ...empty, name: 'Ana' }, { ...empty })).toEqual([]);
  });
});

describe('fillableFields', () => {
  it('are the fields the server fills in on a merge', async () => {
    const { fillableColumns } = await import('../../../customers/merge.service.js');
    expect([...fillableFields]).toEqual([...fillableColumns]);
  });
});
