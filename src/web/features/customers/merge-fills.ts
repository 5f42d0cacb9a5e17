import type { Customer } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';
import { combineProfiles, fillableColumns, mergeProfileOf } from '../../../customers/merge-profile.js';
import { countryLabel } from './countries.js';
import { genderLabel } from './gender-label.js';
import { incomeBandFact } from './income-band-fact.js';

/** The profile fields a merge combines on the kept customer (the server's rule, src/customers/merge-profile.ts). */
export const fillableFields = fillableColumns;

export type FillableField = (typeof fillableFields)[number];

/**
 * What merging `other` into `kept` will write on the kept profile, by the server's own rule
 * (combineProfiles): the fields it has empty and the other has, and a consent the other refused,
 * since a refusal by either record of one person is kept. Other values the kept customer has stay.
 */
export function mergeFills(kept: Pick<Customer, FillableField>, other: Pick<Customer, FillableField>): Array<{ field: FillableField; value: string | number | boolean }> {
  const combined = combineProfiles(mergeProfileOf(kept), mergeProfileOf(other));
  return fillableFields.flatMap((field) => (combined[field] !== kept[field] && combined[field] !== null ? [{ field, value: combined[field]! }] : []));
}

// the profile's and the consent card's own names, so a field reads the same in the merge preview
const labelKeys: Record<FillableField, string> = {
  name: 'customer.fields.name', email: 'customer.fields.email', phone: 'customer.fields.phone', birth_year: 'customer.fields.birthYear',
  gender: 'customer.fields.gender', city: 'customer.fields.city', region: 'customer.fields.region', country: 'customer.fields.country',
  income_band: 'customer.fields.incomeBand', consent_email: 'customer.consents.consentEmail', consent_sms: 'customer.consents.consentSms',
  consent_profiling: 'customer.consents.consentProfiling', consent_whatsapp: 'customer.consents.consentWhatsapp',
};

/** A filled field's name as the customer's page names it. */
export function mergeFillLabel(field: FillableField, t: I18n['t']): string {
  return t(labelKeys[field]);
}

/**
 * A filled value as the profile card shows it: consent as Yes/No, the country by name, the income
 * band in the reader's numbers (never "5-10M", which reads as billions in Indonesian), a gender in the reader's words, a birth year
 * without a thousands separator; anything else as stored.
 */
export function mergeFillText(fill: { field: FillableField; value: string | number | boolean }, t: I18n['t'], format: Pick<Formatters, 'compact'>, tag: string): string {
  const { field, value } = fill;
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (field === 'income_band') return incomeBandFact(String(value), t, format);
  if (field === 'country') return countryLabel(String(value), tag) ?? String(value);
  if (field === 'gender') return genderLabel(String(value), t) ?? String(value);
  return String(value);
}
