import { formatMoneyWith, type MoneyFormat } from '../money-format.js';
import { isExplainingSegment, metricNames, type DropAlert, type MetricName, type SegmentContribution } from './detect-drops.js';

/** What a drop's sentence is made from: a fresh DropAlert, or a stored alert's figures. */
export type DropFigures = Pick<DropAlert, 'metric' | 'scope' | 'granularity' | 'expected' | 'actual' | 'changePct'> & {
  explainedBy: ReadonlyArray<Pick<SegmentContribution, 'dimension' | 'segment' | 'share'>>;
};

const metricWords: Record<MetricName, { noun: string; verb: 'was' | 'were' }> = {
  revenue: { noun: 'revenue', verb: 'was' }, orders: { noun: 'orders', verb: 'were' }, active_customers: { noun: 'active customers', verb: 'were' },
};
const dimensionWords: Record<string, string> = { channel: 'Channel', category: 'Category', type: 'Customer type', city: 'City' };

/** "category:pastries" → "Category pastries"; the whole store ("all") → "Store-wide". */
export function scopePhrase(scope: string): string {
  if (scope === 'all') return 'Store-wide';
  const [dimension, ...rest] = scope.split(':');
  const segment = rest.join(':');
  const word = dimensionWords[dimension] ?? `${dimension.charAt(0).toUpperCase()}${dimension.slice(1)}`;
  return segment ? `${word} ${segment}` : word;
}

/**
 * One English line per drop, its scope first, so a segment's drop never reads
 * as the whole store's: "Category pastries: revenue in the week 2026-12-01 –
 * 2026-12-07 was Rp 1.140.000, expected Rp 3.000.000 (-62%)"; a store-wide drop
 * also names the segment that explains most of it (causePhrase).
 */
export function summarizeDrop(alert: DropFigures, windowStart: string, windowEnd: string, money: MoneyFormat): string {
  const show = (value: number) => (alert.metric === 'revenue' ? formatMoneyWith(money, Math.round(value)) : String(Math.round(value)));
  const window = alert.granularity === 'day' ? `on ${windowEnd}` : `in the week ${windowStart} – ${windowEnd}`;
  // alerts stored before the types defined by not buying were left out may still list them
  const top = alert.explainedBy.find(isExplainingSegment);
  const cause = top ? `; ${causePhrase(top)}` : '';
  const { noun, verb } = metricWords[alert.metric];
  return `${scopePhrase(alert.scope)}: ${noun} ${window} ${verb} ${show(alert.actual)}, expected ${show(alert.expected)} (${Math.round(alert.changePct)}%)${cause}`;
}

/**
 * The segment that explains most of a store-wide shortfall, worded as its share is: "mostly" only
 * for most of it; above 100% the segment fell by more than the store did, because others rose.
 */
function causePhrase(top: DropFigures['explainedBy'][number]): string {
  const segment = `${top.dimension} ${top.segment}`;
  const share = `${Math.round(top.share * 100)}% of the shortfall`;
  if (top.share > 1) return `${segment} fell by ${share}, while others rose`;
  return top.share >= 0.5 ? `mostly ${segment} (${share})` : `most of all ${segment} (${share})`;
}

type StoredDrop = { metric: string; scope: string; granularity: string; expected: number; actual: number; changePct: number; explanation: unknown };

/**
 * A stored metric-drop alert's figures, so its sentence is made on read in the
 * current wording rather than the one it was raised with; null when the row
 * is not a drop this code can word (then its stored summary stands).
 */
export function dropFiguresOf(alert: StoredDrop): DropFigures | null {
  const metric = metricNames.find((name) => name === alert.metric);
  if (!metric || (alert.granularity !== 'day' && alert.granularity !== 'week')) return null;
  const listed = typeof alert.explanation === 'object' && alert.explanation !== null ? (alert.explanation as { explainedBy?: unknown }).explainedBy : undefined;
  const explainedBy = (Array.isArray(listed) ? listed : []).filter((entry): entry is DropFigures['explainedBy'][number] =>
    typeof entry === 'object' && entry !== null && typeof entry.dimension === 'string' && typeof entry.segment === 'string' && typeof entry.share === 'number');
  return { metric, scope: alert.scope, granularity: alert.granularity, expected: alert.expected, actual: alert.actual, changePct: alert.changePct, explainedBy };
}
