import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { policySavedText } from './policy-saved-text.js';

const i18n = (locale: Locale) => ({
  locale,
  t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables),
  format: createFormatters(intlTagByLocale[locale], 'EUR', 'UTC'),
});

const saved = { reclassified: 3296, typesChanged: 221, typeChanges: [{ type: 'vip', entered: 119, left: 0 }, { type: 'new', entered: 102, left: 3 }], asOf: '2026-06-30' };

describe('the Customer types confirmation', () => {
  it('says how many customers changed type and, per type, how many entered and left, before how many were reclassified', () => {
    expect(policySavedText(saved, i18n('en'))).toMatch(/^221 customers changed type: VIP \+119; New \+102 −3\. Saved: 3,296 customers classified again as of .*2026\.$/);
    expect(policySavedText(saved, i18n('id'))).toMatch(/^221 pelanggan berganti tipe: VIP \+119; Baru \+102 −3\. Disimpan: 3\.296 pelanggan/);
    expect(policySavedText({ ...saved, typesChanged: 21 }, i18n('lv'))).toMatch(/^21 klientam mainījās tips: VIP \+119; Jauns \+102 −3\. Saglabāts: 3\s?296 klienti/);
  });

  it('says a save that moved no one changed no type', () => {
    const none = { ...saved, typesChanged: 0, typeChanges: [] };
    expect(policySavedText(none, i18n('en'))).toMatch(/^No customer changed type\. Saved: 3,296/);
    expect(policySavedText(none, i18n('id'))).toMatch(/^Tidak ada pelanggan yang berganti tipe\. /);
    expect(policySavedText(none, i18n('lv'))).toMatch(/^Nevienam klientam tips nemainījās\. /);
  });
});
