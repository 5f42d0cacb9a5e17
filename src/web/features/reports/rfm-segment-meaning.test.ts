import { describe, expect, it } from 'vitest';
import { rfmSegmentNames } from '../../../analytics/rfm-segments.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { rfmSegmentMeaning } from './rfm-segment-label.js';

const translator = (locale: (typeof locales)[number]) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

describe('rfmSegmentMeaning', () => {
  it('explains every RFM segment in R and F scores with an action, in each language', () => {
    for (const locale of locales) {
      const t = translator(locale);
      for (const segment of rfmSegmentNames) {
        const meaning = rfmSegmentMeaning(t, segment);
        expect({ locale, segment, meaning }).toEqual({ locale, segment, meaning: expect.stringMatching(/\(R [1-5].*\).*:\s\S|\(F [1-5].*\).*:\s\S/) });
      }
    }
    expect(rfmSegmentMeaning(translator('id'), 'Loyal')).toContain('Sering membeli (F 4–5)');
    expect(rfmSegmentMeaning(translator('lv'), "Can't lose them")).toContain('(F 5)');
  });

  it('has no words for a segment the app does not know', () => {
    expect(rfmSegmentMeaning(translator('en'), 'Sleepers')).toBeNull();
  });
});
