import { consentColumn, consentKinds, type ConsentKind } from './consent-kinds.js';

/** The profile fields a merge combines on the kept customer. */
export const fillableColumns = ['name', 'email', 'phone', 'birth_year', 'gender', 'city', 'region', 'country', 'income_band', 'consent_email', 'consent_sms', 'consent_profiling',
  // last: merges recorded before it hold no value for it in keptBefore, read as null (never asked, as every customer then was)
  'consent_whatsapp'] as const;

export type FillableColumn = (typeof fillableColumns)[number];

export type MergeProfile = Record<FillableColumn, string | number | boolean | null>;

/**
 * How a merge combined consent: `refusal_wins` (either customer's no is kept), or `fill` for merges
 * recorded before that rule, which only filled the kept customer's unanswered consents.
 */
export type ConsentRule = 'refusal_wins' | 'fill';

const consentColumns: ReadonlySet<string> = new Set(consentKinds.map(consentColumn));

/**
 * The kept customer's profile after a merge: each field as it was, or the merged customer's value
 * where it was empty. Consent is the exception: two records of one person who said no through
 * either of them said no, so a refusal wins over an agreement (a privacy rule: an opt-out must not
 * turn into consent by a merge), and a consent never asked (null) takes the other's answer.
 */
export function combineProfiles(kept: MergeProfile, merged: MergeProfile, rule: ConsentRule = 'refusal_wins'): MergeProfile {
  const combined = { ...kept };
  for (const column of fillableColumns) {
    const isRefusalWinning = rule === 'refusal_wins' && consentColumns.has(column) && merged[column] === false;
    if (kept[column] === null || isRefusalWinning) combined[column] = merged[column];
  }
  return combined;
}

/** The consents the kept customer had agreed to and a merge turned into a refusal. */
export function loweredConsents(before: MergeProfile, after: MergeProfile): ConsentKind[] {
  return consentKinds.filter((kind) => before[consentColumn(kind)] === true && after[consentColumn(kind)] === false);
}

/** A customer row's fields a merge combines, with those a stored record lacks as null. */
export function mergeProfileOf(row: Partial<Record<string, unknown>>): MergeProfile {
  return Object.fromEntries(fillableColumns.map((column) => [column, (row[column] ?? null) as MergeProfile[FillableColumn]])) as MergeProfile;
}
