import type { CustomerRfm, TimelineEntry } from '../../api/types.js';
import { useApiCatalog } from '../../api/api-catalog.js';
import { Card } from '../../components/card.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { rfmSegmentLabel, rfmSegmentMeaning } from '../reports/rfm-segment-label.js';
import { rfmStalenessText } from './derived-staleness-text.js';
import { rfmStaleness } from './prediction-staleness.js';
import { useStoreHasPrices } from './use-store-has-prices.js';

/**
 * The customer's RFM segment and scores from the latest analysis, with the analysis's date and,
 * above them, a merge since (or its undo) or the orders recorded since that it does not count
 * (rfmStaleness, as the prediction card judges its figures): segments built on RFM ("Lost
 * buyers") keep listing a customer who just bought until the next analysis. A merge's notice names the
 * analysis itself, so the line under the scores is left out then; a reader who may run the analysis is
 * told it is on the Reports page (RunAnalysis), the others only that the next one brings the orders in.
 */
export function RfmCard({ rfm, customerId, timeline }: {
  rfm: CustomerRfm | null;
  /** The customer's timeline as loaded so far: a merge since the analysis makes the score out of date. */
  customerId: number; timeline: readonly TimelineEntry[];
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const hasPrices = useStoreHasPrices();
  const { can } = useSession();
  const catalog = useApiCatalog();
  const canRunAnalysis = can('analytics:write') && catalog.has('POST', '/api/analytics/analyze');
  if (!rfm) return <Card title={t('customer.rfm.title')}><p className="empty-state">{t('customer.rfm.none')}</p></Card>;
  const { basis, stale } = rfmStalenessText(rfm, i18n, rfmStaleness(rfm, timeline, customerId), { canRunAnalysis });
  const scores = { r: rfm.r_score, f: rfm.f_score, m: rfm.m_score };
  const meaning = rfmSegmentMeaning(t, rfm.segment);
  return (
    <Card title={t('customer.rfm.title')} className="rfm-card">
      {stale ? <p className="notice small rfm-stale" role="status">{stale}</p> : null}
      <p><strong>{rfmSegmentLabel(t, rfm.segment)}</strong> · {t(hasPrices === false ? 'customer.rfm.scoresUnpriced' : 'customer.rfm.scores', scores)}</p>
      {meaning ? <p className="small rfm-meaning">{meaning}</p> : null}
      {basis === null ? null : <p className="muted small">{basis}</p>}
    </Card>
  );
}
