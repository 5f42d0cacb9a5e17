import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { timelineEntryText } from './timeline-entry-text.js';

const i18nFor = (locale: 'en' | 'id' | 'lv', tag: string) => ({
  t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(tag, 'IDR', 'Asia/Jakarta'),
});
// a type the customer held when the type history began: when it was taken is not known
const heldAtStart = { kind: 'type_change', id: 1, at: '2026-11-30T10:00:00Z', title: 'Already New', detail: { type: 'new', change: 'entered', sinceHistoryStart: true } } as unknown as TimelineEntry;

describe('a type held since the type history began', () => {
  it('reads naturally in Indonesian: "Bertipe Baru", not "Sudah Baru" ("already new")', () => {
    expect(timelineEntryText(heldAtStart, i18nFor('id', 'id-ID'))).toBe('Bertipe Baru sejak awal riwayat tipe');
    expect(timelineEntryText(heldAtStart, i18nFor('en', 'en-GB'))).toBe('Already New when the type history began');
  });
});
