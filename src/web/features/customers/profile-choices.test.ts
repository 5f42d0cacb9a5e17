import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { incomeBands as demoIncomeBands } from '../../../synthetic/personas.js';
import { incomeBand } from '../../../ingest/presets/customer-personality.js';
import { genderLabel } from './gender-label.js';
import { incomeBandFact } from './income-band-fact.js';
import { emptyNewCustomerDraft } from './new-customer-draft.js';
import { knownGenders, knownIncomeBands, profileChoiceLists, profileChoices } from './profile-choices.js';

const t = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const bandLabel = (locale: Locale) => (band: string) => incomeBandFact(band, t(locale), createFormatters(intlTagByLocale[locale], null, 'UTC'));
const genderIn = (locale: Locale) => (gender: string) => genderLabel(gender, t(locale)) ?? gender;
// Intl writes a narrow or plain no-break space between a number and its unit; the reader sees a space
const spaced = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('profileChoices', () => {
  it('offers the income bands under the card\'s own words and stores the band they stand for', () => {
    const choices = profileChoices(knownIncomeBands, '5-10M', bandLabel('id'));
    expect(choices.find((choice) => choice.value === '5-10M')?.label).toSatisfy((label: string) => spaced(label) === '5 jt – 10 jt');
    expect(choices.map((choice) => choice.value)).toEqual([...knownIncomeBands]);
    expect(choices.some((choice) => /\dM/.test(choice.label))).toBe(false);
  });

  it('keeps a stored band of no usual shape as itself, first, so saving another field leaves it', () => {
    const choices = profileChoices(knownIncomeBands, 'Rp 5-10 jt', bandLabel('en'));
    expect(choices[0]).toEqual({ value: 'Rp 5-10 jt', label: 'Rp 5-10 jt' });
    expect(choices).toHaveLength(knownIncomeBands.length + 1);
  });

  it('offers a gender stored in another spelling in place of the one it reads as, keeping its spelling', () => {
    const choices = profileChoices(knownGenders, 'P', genderIn('id'));
    expect(choices).toEqual([{ value: 'P', label: 'Perempuan' }, { value: 'male', label: 'Laki-laki' }, { value: 'other', label: 'Lainnya' }]);
  });

  it('keeps a gender the app has no word for as written', () => {
    expect(profileChoices(knownGenders, 'non-binary', genderIn('lv'))).toEqual([
      { value: 'non-binary', label: 'non-binary' }, { value: 'female', label: 'Sieviete' }, { value: 'male', label: 'Vīrietis' }, { value: 'other', label: 'Cits' },
    ]);
  });

  it('offers the known values alone when none is stored', () => {
    expect(profileChoices(knownGenders, '', genderIn('en')).map((choice) => choice.label)).toEqual(['Female', 'Male', 'Other']);
  });

  it('knows every band the demo store and the bundled data set write', () => {
    const presetBands = [0, 30_000, 60_000, 80_000, 150_000].map((income) => incomeBand(String(income)));
    expect(knownIncomeBands).toEqual(expect.arrayContaining([...demoIncomeBands, ...presetBands]));
  });

  it('offers a band typed as the card shows it once, in place of the band it reads as', () => {
    const choices = profileChoices(knownIncomeBands, '5 jt – 10 jt', bandLabel('id'));
    expect(choices).toHaveLength(knownIncomeBands.length);
    expect(choices[1]).toEqual({ value: '5 jt – 10 jt', label: '5 jt – 10 jt' });
    expect(choices.filter((choice) => spaced(choice.label) === '5 jt – 10 jt')).toHaveLength(1);
  });
});

describe('profileChoiceLists', () => {
  const formatIn = (locale: Locale) => createFormatters(intlTagByLocale[locale], null, 'UTC');

  it('gives the new-customer form the edit form\'s gender and income band choices, stored as codes', () => {
    for (const locale of ['en', 'id', 'lv'] as const) {
      // the new-customer form starts from an empty draft; the edit form of a customer with neither from ''
      const newCustomer = profileChoiceLists(emptyNewCustomerDraft, t(locale), formatIn(locale));
      const edit = profileChoiceLists({ gender: '', incomeBand: '' }, t(locale), formatIn(locale));
      expect(newCustomer).toEqual(edit);
      expect(newCustomer.gender.map((choice) => choice.value)).toEqual([...knownGenders]);
      expect(newCustomer.incomeBand.map((choice) => choice.value)).toEqual([...knownIncomeBands]);
      expect(newCustomer.gender).toEqual(profileChoices(knownGenders, '', genderIn(locale)));
      expect(newCustomer.incomeBand).toEqual(profileChoices(knownIncomeBands, '', bandLabel(locale)));
    }
    const indonesian = profileChoiceLists(emptyNewCustomerDraft, t('id'), formatIn('id'));
    expect(indonesian.gender.find((choice) => choice.label === 'Perempuan')?.value).toBe('female');
    expect(indonesian.incomeBand.find((choice) => spaced(choice.label) === '5 jt – 10 jt')?.value).toBe('5-10M');
  });

  it('keeps a value a draft kept from before as a choice of its own', () => {
    const kept = profileChoiceLists({ gender: 'non-binary', incomeBand: '5-10M' }, t('en'), formatIn('en'));
    expect(kept.gender[0]).toEqual({ value: 'non-binary', label: 'non-binary' });
    expect(kept.incomeBand.map((choice) => choice.value)).toEqual([...knownIncomeBands]);
  });
});
