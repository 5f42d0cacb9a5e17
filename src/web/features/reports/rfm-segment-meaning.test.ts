import { describe, expect, it } from 'vitest';
import { rfmSegmentGrid, rfmSegmentNames } from '../../../analytics/rfm-segments.js';
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
        // the scores it names are the segment's own, as the grid assigns them
        for (const score of ['r', 'f'] as const) {
          const values = rfmSegmentGrid().filter((cell) => cell.segment === segment).map((cell) => cell[score]);
          const [low, high] = [Math.min(...values), Math.max(...values)];
          if (low === 1 && high === 5) continue;
          expect({ locale, segment, meaning }).toEqual({ locale, segment, meaning: expect.stringContaining(`${score.toUpperCase()} ${low === high ? low : `${low}–${high}`}`) });
        }
      }
    }
    expect(rfmSegmentMeaning(translator('id'), 'Loyal')).toContain('Sering membeli (F 4–5)');
    expect(rfmSegmentMeaning(translator('lv'), "Can't lose them")).toContain('(F 5)');
  });

  it('has no words for a segment the app does not know', () => {
    expect(rfmSegmentMeaning(translator('en'), 'Sleepers')).toBeNull();
  });
});
