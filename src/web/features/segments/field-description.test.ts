import { describe, expect, it } from 'vitest';
import { filterFields } from '../../../segments/filter-fields.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import type { Locale } from '../../api/types.js';
import { fieldCaption, fieldDescription } from './field-description.js';
import { fieldLabel } from './field-kinds.js';

// the same list GET /api/segments/fields returns: every whitelisted field with the server's English description
const serverFields = Object.entries(filterFields).map(([name, field]) => ({ name, description: field.description }));
const translate = (locale: Locale) => (key: string) => lookupMessage(messagesByLocale[locale], key);

describe('fieldDescription', () => {
  it.each(locales)('has a %s description for every field the server offers', (locale) => {
    const untranslated = serverFields.filter((field) => fieldDescription(translate(locale), field).lang === 'en');
    expect(untranslated.map((field) => field.name)).toEqual([]);
  });

  it.each(locales)('keeps no %s description for a field the server no longer offers', (locale) => {
    const described = Object.keys(messagesByLocale[locale].segments.fieldDescriptions);
    expect(described.filter((name) => !Object.prototype.hasOwnProperty.call(filterFields, name))).toEqual([]);
  });

  it.each(locales.filter((locale) => locale !== 'en'))('reads %s, not the English copied over', (locale) => {
    const copied = serverFields.filter((field) => fieldDescription(translate(locale), field).text === fieldDescription(translate('en'), field).text);
    expect(copied.map((field) => field.name)).toEqual([]);
  });

  // the form shows these to marketers: storage details belong to the JSON and the field reference's names
  const minorUnits = /minor unit|satuan terkecil|mazāk\S* vienīb/i;
  const technicalNames = Object.keys(filterFields).filter((name) => name.includes('_'));

  it.each(locales)('speaks of amounts in the store currency in %s, never in minor units', (locale) => {
    const stored = serverFields.filter((field) => minorUnits.test(fieldDescription(translate(locale), field).text));
    expect(stored.map((field) => field.name)).toEqual([]);
  });

  it.each(locales)('names no field by its technical name in %s', (locale) => {
    const naming = serverFields.filter((field) => technicalNames.some((name) => fieldDescription(translate(locale), field).text.includes(name)));
    expect(naming.map((field) => field.name)).toEqual([]);
  });

  it('shows a translated description without marking it English', () => {
    expect(fieldDescription(translate('id'), { name: 'revenue_minor', description: 'revenue in minor units of the store currency' }))
      .toEqual({ text: 'Pendapatan, dalam mata uang toko' });
  });

  it("falls back to the server's English, marked as such, for a field the app does not know", () => {
    expect(fieldDescription(translate('lv'), { name: 'loyalty_points', description: 'points in the loyalty scheme' }))
      .toEqual({ text: 'points in the loyalty scheme', lang: 'en' });
  });
});

describe('fieldCaption', () => {
  it.each(locales)('says under the chosen field more than its name in %s, or nothing', (locale) => {
    const t = translate(locale);
    const captions = serverFields.map((field) => ({ field: field.name, label: fieldLabel(t, field.name), caption: fieldCaption(t, field)?.text ?? null }));
    expect(captions.filter(({ label, caption }) => caption !== null && (caption.trim() === '' || caption.toLowerCase() === label.toLowerCase()))).toEqual([]);
  });

  it('describes the city rather than naming it again', () => {
    const city = serverFields.find((field) => field.name === 'city')!;
    for (const locale of locales) {
      const caption = fieldCaption(translate(locale), city);
      expect(caption?.text.toLowerCase()).not.toBe(fieldLabel(translate(locale), 'city').toLowerCase());
      expect(caption).not.toBeNull();
    }
    // a description that only repeats the label is not shown
    expect(fieldCaption(translate('en'), { name: 'refunded_order_count', description: 'orders with a refund' })).toBeNull();
  });
});
