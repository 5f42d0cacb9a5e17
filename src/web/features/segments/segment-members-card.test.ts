import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { membersShownText } from './segment-members-card.js';

const i18nIn = (locale: Locale) => ({
  locale, t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables),
  format: createFormatters(intlTagByLocale[locale], 'EUR', 'UTC'),
});

describe('the members shown under a segment', () => {
  it('agree in Latvian with the count shown: 1 and 21 are singular, 11 and 50 plural', () => {
    const lv = i18nIn('lv');
    expect(membersShownText(lv, 1, 1)).toBe('Rādīts 1 no 1');
    expect(membersShownText(lv, 21, 40)).toBe('Rādīts 21 no 40');
    expect(membersShownText(lv, 11, 11)).toBe('Rādīti 11 no 11');
    expect(membersShownText(lv, 50, 120)).toBe('Rādīti 50 no 120');
  });

  it('are said in English and Indonesian, with the counts in the reader\'s numbers', () => {
    expect(membersShownText(i18nIn('en'), 1, 1200)).toBe('Showing 1 member of 1,200');
    expect(membersShownText(i18nIn('en'), 50, 1200)).toBe('Showing 50 members of 1,200');
    expect(membersShownText(i18nIn('id'), 50, 1200)).toBe('50 dari 1.200 ditampilkan');
  });
});
