import { formatMoneyWith, type MoneyFormat } from '../money-format.js';
import { metricNames, type DropAlert, type MetricName } from './detect-drops.js';
import { dropCauseOf, explainingEntriesOf, roundHalfAwayFromZero, wholeChangePercent, type DropCause, type ExplainingEntry } from './drop-cause.js';

/** What a drop's sentence is made from: a fresh DropAlert, or a stored alert's figures. */
export type DropFigures = Pick<DropAlert, 'metric' | 'scope' | 'granularity' | 'expected' | 'actual' | 'changePct'> & {
  explainedBy: readonly ExplainingEntry[];
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
 * also names the segment that explains most of it (causePhrase). The percent is
 * rounded once, from the exact figures, half away from zero.
 */
export function summarizeDrop(alert: DropFigures, windowStart: string, windowEnd: string, money: MoneyFormat): string {
  const show = (value: number) => (alert.metric === 'revenue' ? formatMoneyWith(money, Math.round(value)) : String(Math.round(value)));
  const window = alert.granularity === 'day' ? `on ${windowEnd}` : `in the week ${windowStart} – ${windowEnd}`;
  // alerts stored before the types defined by not buying were left out may still list them (dropCauseOf skips them)
  const top = dropCauseOf(alert.explainedBy);
  const cause = top ? `; ${causePhrase(top, show)}` : '';
  const { noun, verb } = metricWords[alert.metric];
  return `${scopePhrase(alert.scope)}: ${noun} ${window} ${verb} ${show(alert.actual)}, expected ${show(alert.expected)} (${wholeChangePercent(alert)}%)${cause}`;
}

/**
 * The segment that explains most of a store-wide shortfall, worded as its share is: "mostly" only
 * for most of it. Above 100% the segment fell by more than the store did, which says nothing of the
 * other segments (each has its own expectation), so they are said to have risen only when the list shows it.
 */
function causePhrase(top: DropCause, show: (value: number) => string): string {
  const segment = `${top.dimension} ${top.segment}`;
  const percent = roundHalfAwayFromZero(top.share * 100);
  if (top.share <= 1) return top.share >= 0.5 ? `mostly ${segment} (${percent}% of the shortfall)` : `most of all ${segment} (${percent}% of the shortfall)`;
  const fell = top.shortfall === null ? `${segment} fell by ${percent}% of the store's shortfall` : `${segment}: ${show(top.shortfall)} below its expectation (${percent}% of the store's shortfall)`;
  return top.othersRose ? `${fell}, while the others were above theirs` : fell;
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
  const explainedBy = explainingEntriesOf(alert.explanation);
  return { metric, scope: alert.scope, granularity: alert.granularity, expected: alert.expected, actual: alert.actual, changePct: alert.changePct, explainedBy };
}
