import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import type { Locale } from '../../api/types.js';
import { consentSinceText } from './consent-since-text.js';

const i18nOf = (locale: Locale, tag: string) => ({
  t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables),
  format: createFormatters(tag, 'EUR', 'Europe/Riga'),
});
const since = '2026-12-06T10:15:00Z';

describe('the line under a consent saying since when and through what', () => {
  const english = i18nOf('en', 'en-GB');

  it('names the import run, or says an import without one', () => {
    expect(consentSinceText({ since, source: 'import', import_run_id: 12 }, english)).toBe('since 6 Dec 2026 · from an import (No. 12)');
    expect(consentSinceText({ since, source: 'import', import_run_id: null }, english)).toBe('since 6 Dec 2026 · from an import');
  });

  it('says a staff edit, a merge and an API batch', () => {
    expect(consentSinceText({ since, source: 'staff', import_run_id: null }, english)).toBe('since 6 Dec 2026 · changed by staff');
    expect(consentSinceText({ since, source: 'merge', import_run_id: null }, english)).toBe('since 6 Dec 2026 · by a merge');
    expect(consentSinceText({ since, source: 'unmerge', import_run_id: null }, english)).toBe('since 6 Dec 2026 · by undoing a merge');
    // the web app's file import and an API client's runs are numbered, as on the home page's recent imports
    expect(consentSinceText({ since, source: 'ingest', import_run_id: 40 }, english)).toBe('since 6 Dec 2026 · from an import sent through the API (No. 40)');
    expect(consentSinceText({ since, source: 'ingest', import_run_id: null }, english)).toBe('since 6 Dec 2026 · from an API batch');
  });

  it('says only the date when the source is not known', () => {
    expect(consentSinceText({ since, source: null, import_run_id: null }, english)).toBe('since 6 Dec 2026');
  });

  it('says nothing when since is not known', () => {
    expect(consentSinceText({ since: null, source: null, import_run_id: null }, english)).toBeNull();
    expect(consentSinceText(undefined, english)).toBeNull();
  });

  it('writes the date in the store time zone', () => {
    // 23:30 UTC on the 5th is the 6th in Riga
    expect(consentSinceText({ since: '2026-12-05T23:30:00Z', source: 'staff', import_run_id: null }, english)).toBe('since 6 Dec 2026 · changed by staff');
  });

  it('puts a Latvian date in the genitive after "kopš", and writes Indonesian', () => {
    const latvian = i18nOf('lv', 'lv-LV');
    const longLatvian = { ...latvian, format: { date: () => '2026. gada 6. decembris' } };
    expect(consentSinceText({ since, source: 'staff', import_run_id: null }, longLatvian)).toBe('kopš 2026. gada 6. decembra · mainījis darbinieks');
    expect(consentSinceText({ since, source: 'import', import_run_id: 12 }, latvian)).toMatch(/^kopš .*6\. .*· no importa \(Nr\. 12\)$/);
    const indonesian = i18nOf('id', 'id-ID');
    expect(consentSinceText({ since, source: 'merge', import_run_id: null }, indonesian)).toMatch(/^sejak 6 Des 2026 · karena penggabungan$/);
    expect(consentSinceText({ since, source: 'ingest', import_run_id: 7 }, longLatvian)).toBe('kopš 2026. gada 6. decembra · no importa, kas sūtīts caur API (Nr. 7)');
    expect(consentSinceText({ since, source: 'ingest', import_run_id: 7 }, indonesian)).toBe('sejak 6 Des 2026 · dari impor yang dikirim lewat API (No. 7)');
  });
});
