import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { timelineEntryText, timelineEntryTime } from './timeline-entry-text.js';
import { typeSpellDates } from './type-spell-dates.js';

const i18nFor = (locale: 'en' | 'id' | 'lv', tag: string) => ({
  t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(tag, 'IDR', 'Asia/Jakarta'),
});
const locales = [['en', 'en-GB'], ['id', 'id-ID'], ['lv', 'lv-LV']] as const;

// customer 2759 of the synthetic demo: at risk when the first analysis (as of 4 Sept, dated the
// end of that day in Jakarta) began the history, lapsed at the analysis of 4 Dec
const sept4End = '2026-09-04T17:00:00.000Z';
const dec4End = '2026-12-04T17:00:00.000Z';
const spell = (sinceHistoryStart: boolean, leftAt: string | null) => ({ type: 'at_risk', enteredAt: sept4End, leftAt, reason: '', numbers: {}, sinceHistoryStart });

describe('a type held when the type history began', () => {
  it('is listed in the type history as held since the history began, not from a day it was taken', () => {
    const en = i18nFor('en', 'en-GB');
    expect(typeSpellDates(spell(true, dec4End), en)).toBe(`when the type history began (${en.format.date('2026-09-04T12:00:00Z')}) – ${en.format.date('2026-12-04T12:00:00Z')}`);
    expect(typeSpellDates(spell(true, null), en)).toBe(`since the type history began (${en.format.date('2026-09-04T12:00:00Z')})`);
    // a type taken later keeps its plain dates
    expect(typeSpellDates(spell(false, dec4End), en)).toBe(`${en.format.date('2026-09-04T12:00:00Z')} – ${en.format.date('2026-12-04T12:00:00Z')}`);
    for (const [locale, tag] of locales) {
      const i18n = i18nFor(locale, tag);
      const held = typeSpellDates(spell(true, dec4End), i18n);
      expect(held).toContain(i18n.format.date('2026-09-04T12:00:00Z'));
      expect(held).not.toMatch(/[{}]|customer\.types/);
      expect(held).not.toBe(typeSpellDates(spell(false, dec4End), i18n));
    }
  });

  it('reads in the timeline as already held, not as "became", on the analysis\'s day', () => {
    const entry = (sinceHistoryStart: boolean): TimelineEntry => ({
      at: sept4End, kind: 'type_change', id: 3244, title: 'server title', detail: { type: 'at_risk', change: 'entered', leftAt: dec4End, sinceHistoryStart },
    });
    const en = i18nFor('en', 'en-GB');
    expect(timelineEntryText(entry(true), en)).toBe('Already At risk when the type history began');
    expect(timelineEntryText(entry(false), en)).toBe('Became At risk');
    expect(timelineEntryTime(entry(true), en.format)).toBe(en.format.date('2026-09-04T12:00:00Z'));
    expect(timelineEntryText(entry(true), i18nFor('id', 'id-ID'))).toBe('Bertipe Berisiko sejak awal riwayat tipe');
    expect(timelineEntryText(entry(true), i18nFor('lv', 'lv-LV'))).toBe('Jau tipu vēstures sākumā: Riska grupā');
    // a type left is a change whatever began its spell
    expect(timelineEntryText({ ...entry(true), at: dec4End, detail: { type: 'at_risk', change: 'left' } }, en)).toBe('No longer At risk');
  });
});

describe('a type change no rule dates', () => {
  // lapsed as the analysis of 4 Dec saw it, after the check of 4 Sept; a new spell's end is dated by the rule
  const lapsed = { type: 'lapsed', enteredAt: dec4End, leftAt: null, reason: '', numbers: {}, sinceHistoryStart: false, enteredCheckedLastAt: sept4End, leftCheckedLastAt: null };
  const newSpell = { type: 'new', enteredAt: sept4End, leftAt: '2026-09-15T17:00:00.000Z', reason: '', numbers: {}, sinceHistoryStart: false, enteredCheckedLastAt: null, leftCheckedLastAt: null };

  it('says when it was seen and when the customer was checked before, not a day it happened', () => {
    const en = i18nFor('en', 'en-GB');
    expect(typeSpellDates(lapsed, en)).toBe('since 4 Dec 2026 (seen then; checked last on 4 Sept 2026)');
    expect(typeSpellDates(newSpell, en)).toBe(`${en.format.date('2026-09-04T12:00:00Z')} – ${en.format.date('2026-09-15T12:00:00Z')}`);
    const lv = i18nFor('lv', 'lv-LV');
    // abbreviated months read in any case (date-case.ts)
    expect(typeSpellDates(lapsed, lv)).toBe('kopš 2026. gada 4. dec. (konstatēts tad; iepriekš pārbaudīts 2026. gada 4. sept.)');
    const id = i18nFor('id', 'id-ID');
    expect(typeSpellDates(lapsed, id)).toBe(`sejak ${id.format.date('2026-12-04T12:00:00Z')} (terlihat saat itu; terakhir diperiksa ${id.format.date('2026-09-04T12:00:00Z')})`);
  });
});
