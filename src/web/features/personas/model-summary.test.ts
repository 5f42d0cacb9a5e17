import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { modelSummaryText } from './model-summary.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const summary = (locale: Locale, sample: number, population: number, withoutConsent = 0) => spaced(modelSummaryText(
  { k: 3, sample_size: sample, population, discovered_at: '2026-12-03T10:00:00Z' }, withoutConsent, locale, tIn(locale), createFormatters(intlTagByLocale[locale], null, 'UTC')));

describe('the model summary', () => {
  it('says how many buyers the personas were found from, in each language', () => {
    expect(summary('en', 1196, 1196)).toBe('3 personas, fitted on 1,196 of 1,196 buyers on 3 Dec 2026');
    expect(summary('id', 1196, 1196)).toBe('3 persona, disusun berdasarkan 1.196 dari 1.196 pembeli pada 3 Des 2026');
    expect(summary('lv', 1196, 1196)).toMatch(/^3 personas, atrastas 2026\. gada 3\. dec\., izmantojot 1196 no 1196 pircējiem$/);
  });

  it('never says "no … no" in Latvian, nor "dari … dari" in Indonesian', () => {
    expect(summary('lv', 1196, 1196)).not.toMatch(/\bno \S+ no\b/);
    expect(summary('id', 1196, 1196)).not.toMatch(/\bdari \S+ dari\b/);
  });

  it('lets the Latvian buyers agree with their count: one form after 21, 121 but not 11', () => {
    expect(summary('lv', 121, 121)).toMatch(/izmantojot 121 no 121 pircēja$/);
    expect(summary('lv', 100, 111)).toMatch(/izmantojot 100 no 111 pircējiem$/);
    expect(summary('lv', 100, 120)).toMatch(/izmantojot 100 no 120 pircējiem$/);
    expect(summary('en', 21, 21)).toBe('3 personas, fitted on 21 of 21 buyers on 3 Dec 2026');
  });

  it('counts the buyers without consent to profiling among all buyers, and says they were left out', () => {
    expect(summary('en', 1220, 1220, 1171)).toBe('3 personas, fitted on 1,220 of 2,391 buyers on 3 Dec 2026; 1,171 were left out: no consent to profiling');
    expect(summary('id', 1220, 1220, 1171)).toBe('3 persona, disusun berdasarkan 1.220 dari 2.391 pembeli pada 3 Des 2026; 1.171 tidak disertakan karena belum setuju diprofilkan');
    expect(summary('lv', 1220, 1220, 1171)).toMatch(/^3 personas, atrastas 2026\. gada 3\. dec\., izmantojot 1220 no 2391 pircēja; 1171 pircējs nav iekļauts: nav piekrišanas profilēšanai$/);
    expect(summary('en', 1220, 1220, 1)).toBe('3 personas, fitted on 1,220 of 1,221 buyers on 3 Dec 2026; 1 was left out: no consent to profiling');
    expect(summary('lv', 1220, 1220, 1175)).toMatch(/izmantojot 1220 no 2395 pircējiem; 1175 pircēji nav iekļauti: nav piekrišanas profilēšanai$/);
  });
});
