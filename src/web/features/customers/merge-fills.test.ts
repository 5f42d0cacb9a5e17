import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { genderLabel } from './gender-label.js';
import { fillableFields, mergeFillLabel, mergeFillText, mergeFills } from './merge-fills.js';

const empty = Object.fromEntries(fillableFields.map((field) => [field, null])) as Record<(typeof fillableFields)[number], null>;

describe('mergeFills', () => {
  it('lists the fields the kept customer has empty and the other has, and no other value the kept customer has', () => {
    const kept = { ...empty, name: 'Ratna Lim', email: null, city: 'Medan', consent_email: false };
    const other = { ...empty, name: 'Sri Firmansyah', email: 'sri@example.com', birth_year: 1995, city: 'Jakarta', consent_email: true, consent_sms: false };
    expect(mergeFills(kept, other)).toEqual([
      { field: 'email', value: 'sri@example.com' },
      { field: 'birth_year', value: 1995 },
      { field: 'consent_sms', value: false },
    ]);
  });

  it('lists a consent the kept customer gave and the other refused: a refusal by either is kept', () => {
    const kept = { ...empty, name: 'Ratna Lim', consent_email: true, consent_sms: true, consent_profiling: false };
    const other = { ...empty, consent_email: false, consent_sms: true, consent_profiling: true };
    expect(mergeFills(kept, other)).toEqual([{ field: 'consent_email', value: false }]);
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

describe('the merge preview\'s words', () => {
  it.each(['en', 'id', 'lv'] as const)('name the fields and write gender as the customer\'s page does, in %s', (locale) => {
    const messages = messagesByLocale[locale];
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messages, key, variables);
    const format = createFormatters(intlTagByLocale[locale], null, 'UTC');
    expect(fillableFields.map((field) => mergeFillLabel(field, t))).toEqual([
      messages.customer.fields.name, messages.customer.fields.email, messages.customer.fields.phone, messages.customer.fields.birthYear,
      messages.customer.fields.gender, messages.customer.fields.city, messages.customer.fields.region, messages.customer.fields.country,
      messages.customer.fields.incomeBand, messages.customer.consents.consentEmail, messages.customer.consents.consentSms, messages.customer.consents.consentProfiling,
      messages.customer.consents.consentWhatsapp,
    ]);
    expect(mergeFillText({ field: 'gender', value: 'male' }, t, format, intlTagByLocale[locale])).toBe(genderLabel('male', t));
  });

  it('say gender in the reader\'s language, and a value it does not know as stored', () => {
    const t = (locale: 'en' | 'id' | 'lv') => (key: string) => lookupMessage(messagesByLocale[locale], key);
    expect([genderLabel('male', t('en')), genderLabel('Female', t('id')), genderLabel('L', t('id')), genderLabel('male', t('lv'))]).toEqual(['Male', 'Perempuan', 'Laki-laki', 'Vīrietis']);
    expect([genderLabel('non-binary', t('lv')), genderLabel(null, t('en'))]).toEqual(['non-binary', null]);
  });
});
