import { describe, expect, it } from 'vitest';
import type { Reject } from '../canonical.js';
import { rejectWithoutOtherCustomers } from './other-customers-hidden.js';

const taken = (field: string, value: string): Reject => ({
  file: 'request', line: 1, field, code: 'CUSTOMER_IDENTITY_TAKEN', params: { field, value, ownerId: 7, customerId: 9 },
  reason: `The ${field} ${value} belongs to customer #7 (Rina), but this row describes customer #9.`,
});

describe('a reject without other customers', () => {
  it('names a taken id by its system, as the full reason does, and keeps its place', () => {
    expect(rejectWithoutOtherCustomers(taken('external_id.loyalty', 'L-1'))).toEqual({
      file: 'request', line: 1, field: 'external_id.loyalty', code: 'CUSTOMER_IDENTITY_TAKEN', params: { field: 'external_id.loyalty', value: 'L-1' },
      reason: 'The loyalty id L-1 already belongs to another customer than the one this row describes. '
        + 'If they are one person, ask an owner or admin, who can merge customers, to merge them, then import the row again; otherwise correct the loyalty id.',
    });
    expect(rejectWithoutOtherCustomers(taken('customer_id', 'C-1')).reason).toMatch(/^The customer id C-1 already belongs to another customer/);
  });

  it('leaves rejects that name no other customer as they are', () => {
    const duplicate: Reject = { file: 'f.csv', line: 3, field: 'email', code: 'CUSTOMER_DUPLICATE_IN_FILE', params: { field: 'email', value: 'a@b.c', firstLine: 2 }, reason: 'Duplicate email a@b.c' };
    expect(rejectWithoutOtherCustomers(duplicate)).toBe(duplicate);
  });
});
