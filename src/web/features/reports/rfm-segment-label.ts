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
