import { Card } from '../../components/card.js';
import { Chart } from '../../components/charts/chart.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n, type I18n } from '../../i18n/i18n-context.js';
import { useStoreSettings } from '../settings/store-settings-context.js';
import { medianGap, purchaseRhythm } from './purchase-rhythm.js';
import { purchaseRhythmTable } from './purchase-rhythm-table.js';
import { purchaseRhythmOption } from './purchase-rhythm-option.js';
import { purchaseRhythmSummary } from './purchase-rhythm-summary.js';
import { unpricedRhythmTable } from './unpriced-money.js';
import { useStoreHasPrices } from './use-store-has-prices.js';
import type { Timeline } from './use-timeline.js';

/**
 * `customer-1042-purchase-rhythm.png`, `klients-1042-pirkumu-ritms.csv`: named in the reader's language after the
 * customer, as their subject access export is, so two customers' charts are not saved over each other.
 */
export function purchaseRhythmFileName(customerId: number, t: I18n['t']): string {
  return t('files.charts.customerPurchaseRhythm', { id: customerId });
}

/** Days between purchase days, over time: a lengthening gap is the earliest visible sign of a customer drifting away. */
export function PurchaseRhythmCard({ timeline, customerId }: { timeline: Timeline; customerId: number }) {
  const { t, format, locale } = useI18n();
  const settings = useStoreSettings();
  const hasPrices = useStoreHasPrices();
  // the store's calendar, as the facts card counts purchase days; the browser's only while settings are unreadable, as format.date does
  const points = purchaseRhythm(timeline.entries, settings?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
  const median = medianGap(points);
  const withGaps = points.filter((point) => point.gapDays !== null);
  let body;
  if (timeline.isLoading && timeline.entries.length === 0) body = <LoadingState />;
  else if (withGaps.length === 0) body = <p className="empty-state">{t('customer.rhythm.tooFew')}</p>;
  else {
    const option = purchaseRhythmOption(withGaps, median, hasPrices, { t, format, locale });
    const table = purchaseRhythmTable(points, t);
    body = (
      <>
        <p className="muted small">{purchaseRhythmSummary(median ?? 0, points.length, { t, format, locale })}{timeline.isComplete ? '' : ` ${t('customer.rhythm.partial', { date: format.date(points[0].day) })}`}</p>
        <Chart title={t('customer.rhythm.title')} fileName={purchaseRhythmFileName(customerId, t)} option={option} height={240}
          table={hasPrices === false ? unpricedRhythmTable(table, t) : table} />
      </>
    );
  }
  return <Card title={t('customer.rhythm.title')} className="card-wide">{body}</Card>;
}
