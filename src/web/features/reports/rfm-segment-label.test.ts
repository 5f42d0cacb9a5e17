import { describe, expect, it } from 'vitest';
import { rfmSegmentNames } from '../../../analytics/rfm-segments.js';
import { customerTypesByPrecedence } from '../../../analytics/customer-types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { choiceLabel, choicesOf } from '../segments/field-kinds.js';
import { rfmSegmentLabel } from './rfm-segment-label.js';

const translator = (locale: (typeof locales)[number]) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

describe('rfmSegmentLabel', () => {
  it('marks an RFM segment as RFM in each language', () => {
    expect(rfmSegmentLabel(translator('en'), 'Loyal')).toBe('RFM: Loyal');
    expect(rfmSegmentLabel(translator('id'), 'At risk')).toBe('RFM: Berisiko');
    expect(rfmSegmentLabel(translator('lv'), 'New customers')).toBe('RFM: Jaunie klienti');
  });

  it('never reads as a customer type\'s name, in any language', () => {
    for (const locale of locales) {
      const t = translator(locale);
      const typeNames = new Set(customerTypesByPrecedence.map((type) => t(`customerTypes.${type}`)));
      const clashes = rfmSegmentNames.map((segment) => rfmSegmentLabel(t, segment)).filter((label) => typeNames.has(label));
      expect({ locale, clashes }).toEqual({ locale, clashes: [] });
    }
  });

  it('keeps a segment the app has no words for as the server named it, still marked', () => {
    expect(rfmSegmentLabel(translator('en'), 'Sleepers')).toBe('RFM: Sleepers');
  });
});

describe('the segment builder\'s RFM options', () => {
  it('offer each RFM segment by its API code, marked as RFM, while the types stay unmarked', () => {
    const t = translator('en');
    const choices = choicesOf(t, 'rfm_segment');
    expect(choices?.map((choice) => choice.value)).toEqual([...rfmSegmentNames]);
    expect(choices?.find((choice) => choice.value === 'Loyal')?.label).toBe('RFM: Loyal');
    expect(choicesOf(t, 'primary_type')?.find((choice) => choice.value === 'loyal')?.label).toBe('Loyal');
  });

  it('leave the mark out of a sentence that names the field first', () => {
    expect(choiceLabel(translator('lv'), 'rfm_segment', 'At risk')).toBe('Riska grupā');
    expect(choiceLabel(translator('en'), 'rfm_segment', 'Sleepers')).toBe('Sleepers');
  });
});
