import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { fillableFields, mergeFillText, mergeFills } from './merge-fills.js';

const empty = Object.fromEntries(fillableFields.map((field) => [field, null])) as Record<(typeof fillableFields)[number], null>;

describe('mergeFills', () => {
  it('lists the fields the kept customer has empty and the other has, and never one the kept customer has', () => {
    const kept = { ...empty, name: 'Ratna Lim', email: null, city: 'Medan', consent_email: false };
    const other = { ...empty, name: 'Sri Firmansyah', email: 'sri@example.com', birth_year: 1995, city: 'Jakarta', consent_email: true, consent_sms: false };
    expect(mergeFills(kept, other)).toEqual([
      { field: 'email', value: 'sri@example.com' },
      { field: 'birth_year', value: 1995 },
      { field: 'consent_sms', value: false },
    ]);
  });

  it('lists nothing when the other customer adds nothing', () => {
    expect(mergeFills({ ...empty, name: 'Ana' }, { ...empty })).toEqual([]);
  });
});

describe('fillableFields', () => {
  it('are the fields the server fills in on a merge', async () => {
    const { fillableColumns } = await import('../../../customers/merge.service.js');
    expect([...fillableFields]).toEqual([...fillableColumns]);
  });
});

describe('mergeFillText', () => {
  const inLocale = (locale: 'en' | 'id') => {
    const t = (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values);
    const format = createFormatters(intlTagByLocale[locale], 'IDR', 'Asia/Jakarta');
    return (field: (typeof fillableFields)[number], value: string | number | boolean) => mergeFillText({ field, value }, t, format, intlTagByLocale[locale]);
  };

  it('says an income band in the reader\'s numbers, never "M" for millions in Indonesian', () => {
    expect(inLocale('id')('income_band', '5-10M').replace(/\s/g, ' ')).toBe('5 jt – 10 jt');
    expect(inLocale('id')('income_band', 'unusual band')).toBe('unusual band');
  });

  it('names the country, says consent in words and writes a birth year plainly', () => {
    expect(inLocale('en')('country', 'ID')).toBe('Indonesia (ID)');
    expect(inLocale('id')('consent_email', true)).toBe('Ya');
    expect(inLocale('en')('birth_year', 1995)).toBe('1995');
    expect(inLocale('en')('city', 'Medan')).toBe('Medan');
  });
});
