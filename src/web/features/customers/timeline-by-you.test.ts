import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { timelineEntryText } from './timeline-entry-text.js';

const i18nFor = (locale: 'en' | 'id' | 'lv') => ({
  t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(locale === 'en' ? 'en-GB' : `${locale}-${locale.toUpperCase()}`, 'IDR', 'Asia/Jakarta'),
});
const entry = (kind: TimelineEntry['kind'], detail: Record<string, unknown>): TimelineEntry =>
  ({ kind, id: 1, at: '2026-12-11T10:00:00Z', title: 'English title from the server', detail });

// as the server gives them to a reader without audit:read: staff by their id alone
const cityEdit = entry('profile_change', { fields: ['city'], by: 'user:7', before: { city: null }, after: { city: 'Bandung' } });
const oldEdit = entry('profile_change', { fields: ['name'], by: 'user:7' });
const removal = entry('identity_removal', { kind: 'phone', namespace: '', value: '+6281233334444', clearedField: null, by: 'user:7' });
const clearingRemoval = entry('identity_removal', { kind: 'email', namespace: '', value: 'a@x.example', clearedField: 'email', by: 'user:7:rina@shop.example' });

describe('the reader\'s own edits in the timeline', () => {
  it('says they made them, and names other staff by number as before', () => {
    const en = i18nFor('en');
    expect(timelineEntryText(cityEdit, en, 7)).toBe('City changed from (empty) to Bandung by you');
    expect(timelineEntryText(oldEdit, en, 7)).toBe('Profile edited (Name) by you');
    expect(timelineEntryText(removal, en, 7)).toBe('Phone +62 812 3333 4444 removed by you');
    expect(timelineEntryText(clearingRemoval, en, 7)).toBe('Email a@x.example removed by you; the profile\'s Email was cleared with it');
    expect(timelineEntryText(cityEdit, en, 8)).toBe('City changed from (empty) to Bandung by staff member #7');
    expect(timelineEntryText(cityEdit, en, null)).toBe('City changed from (empty) to Bandung by staff member #7');
  });

  it('says it in Indonesian and Latvian, with the verb Latvian gives "you"', () => {
    expect(timelineEntryText(cityEdit, i18nFor('id'), 7)).toBe('Kota diubah dari (kosong) menjadi Bandung oleh Anda');
    expect(timelineEntryText(cityEdit, i18nFor('lv'), 7)).toMatch(/; mainījāt jūs$/);
    expect(timelineEntryText(removal, i18nFor('lv'), 7)).toMatch(/ noņemts; noņēmāt jūs$/);
    for (const locale of ['id', 'lv'] as const) {
      for (const shown of [cityEdit, oldEdit, removal, clearingRemoval]) {
        expect(timelineEntryText(shown, i18nFor(locale), 7)).not.toMatch(/[{}]|timeline\.|#7|by you/);
      }
    }
  });
});
