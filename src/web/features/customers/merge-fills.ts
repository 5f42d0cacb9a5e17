import type { Customer } from '../../api/types.js';

/** The profile fields a merge may fill in on the kept customer (src/customers/merge.service.ts fillableColumns). */
export const fillableFields = ['name', 'email', 'phone', 'birth_year', 'gender', 'city', 'region', 'country', 'income_band', 'consent_email', 'consent_sms', 'consent_profiling'] as const;

export type FillableField = (typeof fillableFields)[number];

/**
 * What merging `other` into `kept` will write on the kept profile: the fields it has empty and the
 * other has. A merge never overwrites a value the kept customer has; the other's is then dropped.
 */
export function mergeFills(kept: Pick<Customer, FillableField>, other: Pick<Customer, FillableField>): Array<{ field: FillableField; value: string | number | boolean }> {
  return fillableFields.flatMap((field) => (kept[field] === null && other[field] !== null ? [{ field, value: other[field]! }] : []));
}
