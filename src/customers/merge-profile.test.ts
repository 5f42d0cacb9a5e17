import { describe, expect, it } from 'vitest';
import { combineProfiles, loweredConsents, mergeProfileOf, type ConsentRule } from './merge-profile.js';

const profile = (fields: Record<string, unknown>) => mergeProfileOf(fields);

describe('combining two customers\' profiles in a merge', () => {
  const consentCases: Array<[boolean | null, boolean | null, boolean | null, ConsentRule]> = [
    // kept, merged, combined
    [true, false, false, 'refusal_wins'],
    [false, true, false, 'refusal_wins'],
    [null, false, false, 'refusal_wins'],
    [null, true, true, 'refusal_wins'],
    [true, null, true, 'refusal_wins'],
    [false, null, false, 'refusal_wins'],
    [true, true, true, 'refusal_wins'],
    [null, null, null, 'refusal_wins'],
    // merges recorded before a refusal won only filled what was never asked
    [true, false, true, 'fill'],
    [null, false, false, 'fill'],
  ];

  it.each(consentCases)('combines consent %s (kept) and %s (merged) into %s under the rule %s', (kept, merged, combined, rule) => {
    const result = combineProfiles(profile({ consent_email: kept }), profile({ consent_email: merged }), rule);
    expect(result.consent_email).toBe(combined);
  });

  it('fills only the kept customer\'s empty fields other than consent', () => {
    const result = combineProfiles(profile({ name: 'Kept', city: null, birth_year: 1980 }), profile({ name: 'Merged', city: 'Bandung', birth_year: 1990 }));
    expect(result).toMatchObject({ name: 'Kept', city: 'Bandung', birth_year: 1980 });
  });

  it('names the consents an agreement of the kept customer became a refusal in, and no others', () => {
    const before = profile({ consent_email: true, consent_sms: null, consent_profiling: false });
    const after = profile({ consent_email: false, consent_sms: false, consent_profiling: false });
    expect(loweredConsents(before, after)).toEqual(['email']);
    expect(loweredConsents(profile({ consent_sms: true, consent_whatsapp: true }), profile({ consent_sms: true, consent_whatsapp: false }))).toEqual(['whatsapp']);
  });

  it('combines WhatsApp consent as the other consents: a refusal wins, never asked takes the other\'s answer', () => {
    expect(combineProfiles(profile({ consent_whatsapp: true }), profile({ consent_whatsapp: false })).consent_whatsapp).toBe(false);
    expect(combineProfiles(profile({ consent_whatsapp: null }), profile({ consent_whatsapp: true })).consent_whatsapp).toBe(true);
    // a merge recorded before WhatsApp consent existed holds no value for it: read as never asked
    expect(mergeProfileOf({ consent_email: true }).consent_whatsapp).toBeNull();
  });
});
