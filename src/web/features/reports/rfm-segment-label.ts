import { translatedOr } from '../../i18n/translated-or.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/**
 * An RFM segment's name marked as RFM ("RFM: Loyal"), wherever it can sit beside the customer
 * types: "Loyal" and "At risk" are names in both, and the two groupings judge differently (a
 * type by the customer's own rhythm and value, an RFM segment by scores against the other
 * customers). The code stays the API's ("Loyal"); a segment the app has no words for is shown
 * as the server named it, still marked.
 */
export function rfmSegmentLabel(t: Translate, segment: string): string {
  return t('reports.segments.label', { segment: translatedOr(t, 'rfmSegments', segment) });
}

/**
 * What an RFM segment means in R and F scores and what to do with it, one line ("Bought very recently (R 5)
 * and often (F 4–5): reward them…"); null for a segment the app has no words for.
 */
export function rfmSegmentMeaning(t: Translate, segment: string): string | null {
  const key = `rfmSegmentMeanings.${segment}`;
  const meaning = t(key);
  return meaning === key ? null : meaning;
}
