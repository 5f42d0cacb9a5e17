import { addDays } from '../../../core/clock.js';
import { pluralKey } from '../../i18n/plural.js';
import { translatedOr } from '../../i18n/translated-or.js';
import type { DescribeContext } from './describe-condition.js';

/**
 * "Bought Coffee at least 2 times in the last 90 days": a `purchased`
 * condition in words, or null when it has a part these words do not cover.
 */
const knownKeys = ['category', 'sku', 'product_contains', 'channel', 'within', 'count', 'measure'];
const countOperators = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const texts = (value: unknown): string[] | null => {
  const list = Array.isArray(value) ? value : [value];
  return list.length > 0 && list.every((item): item is string => typeof item === 'string') ? list : null;
};
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export function describePurchase(purchased: unknown, context: DescribeContext): string | null {
  if (!isRecord(purchased) || Object.keys(purchased).some((key) => !knownKeys.includes(key))) return null;
  const what = whatText(purchased, context);
  const channel = purchased.channel === undefined ? '' : channelText(purchased.channel, context);
  const count = countText(purchased.count, purchased.measure, context);
  const within = purchased.within === undefined ? '' : withinText(purchased.within, context);
  if (what === null || channel === null || count === null || within === null) return null;
  return [context.t('segments.purchase.bought', { what }), channel, count, within].filter((part) => part !== '').join(' ');
}

function orList(items: string[], context: DescribeContext): string {
  return items.join(` ${context.t('segments.purchase.or')} `);
}

function whatText(purchased: Record<string, unknown>, context: DescribeContext): string | null {
  const { t } = context;
  const parts: string[] = [];
  if (purchased.category !== undefined) {
    const categories = texts(purchased.category);
    if (!categories) return null;
    parts.push(orList(categories, context));
  }
  if (purchased.sku !== undefined) {
    const skus = texts(purchased.sku);
    if (!skus) return null;
    parts.push(t('segments.purchase.sku', { sku: orList(skus, context) }));
  }
  if (purchased.product_contains !== undefined) {
    if (typeof purchased.product_contains !== 'string') return null;
    parts.push(t('segments.purchase.productContains', { text: purchased.product_contains }));
  }
  return parts.length === 0 ? t('segments.purchase.anything') : parts.join(', ');
}

function channelText(channel: unknown, context: DescribeContext): string | null {
  const channels = texts(channel);
  return channels ? context.t('segments.purchase.via', { channels: orList(channels.map((code) => translatedOr(context.t, 'channelsInSentence', code)), context) }) : null;
}

function countText(count: unknown, measure: unknown, context: DescribeContext): string | null {
  const { t, format } = context;
  const kind = measure ?? 'orders';
  if (kind !== 'orders' && kind !== 'quantity' && kind !== 'amount_minor') return null;
  const test = count ?? { op: 'gte', value: 1 };
  if (!isRecord(test) || typeof test.op !== 'string' || Object.keys(test).some((key) => key !== 'op' && key !== 'value')) return null;
  const shown = (value: number) => (kind === 'amount_minor' ? format.money(value) : format.number(value));
  if (test.op === 'between') {
    if (!Array.isArray(test.value) || test.value.length !== 2 || !test.value.every(isCount)) return null;
    return t(`segments.purchase.${kind}Between`, { low: shown(test.value[0]), high: shown(test.value[1]) });
  }
  if (!countOperators.includes(test.op) || !isCount(test.value)) return null;
  // "at least once" is what "bought" already says
  if (kind === 'orders' && test.op === 'gte' && test.value === 1) return '';
  const operator = t(`segments.purchase.operators.${test.op}`);
  if (kind === 'orders' && test.value === 1) return t('segments.purchase.ordersOnce', { operator });
  const key = kind === 'orders' ? pluralKey(context.locale, 'segments.purchase.orders', test.value) : `segments.purchase.${kind}`;
  return t(key, { operator, count: shown(test.value), amount: shown(test.value) });
}

const isPlainDay = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
type RelativeDay = { days_ago: number } | { days_ahead: number };
const isRelativeDay = (value: unknown): value is RelativeDay => isRecord(value) && Object.keys(value).length === 1 && (isCount(value.days_ago) || isCount(value.days_ahead));

// a window's end is a whole store day (docs/segments.md); an instant with a time of day would need words for
// its time, which these do not have, and reads as JSON rather than as the wrong day
function dateText(value: unknown, context: DescribeContext): string | null {
  if (isPlainDay(value)) return context.format.date(value);
  if (isRecord(value) && Object.keys(value).length === 1 && isCount(value.days_ago)) {
    return context.t(pluralKey(context.locale, 'segments.conditions.daysAgo', value.days_ago), { days: context.format.number(value.days_ago) });
  }
  // a day after the as-of day ("in 7 days"), as a date condition says it
  if (isRecord(value) && Object.keys(value).length === 1 && isCount(value.days_ahead)) {
    return context.t(pluralKey(context.locale, 'segments.conditions.daysAhead', value.days_ahead), { days: context.format.number(value.days_ahead) });
  }
  return null;
}

/** The day before a window's `to`, which `to` does not include: the last day the window holds. */
function dayBefore(value: unknown): string | RelativeDay | null {
  if (isPlainDay(value)) return addDays(value, -1);
  if (!isRelativeDay(value)) return null;
  if ('days_ago' in value) return { days_ago: value.days_ago + 1 };
  return value.days_ahead === 0 ? { days_ago: 1 } : { days_ahead: value.days_ahead - 1 };
}

const sameDay = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function withinText(within: unknown, context: DescribeContext): string | null {
  if (!isRecord(within)) return null;
  const keys = Object.keys(within).sort().join(',');
  if (keys === 'days' && isCount(within.days)) return context.t(pluralKey(context.locale, 'segments.purchase.inLastDays', within.days), { days: context.format.number(within.days) });
  const from = dateText(within.from, context);
  if (from === null) return null;
  // without `to` the window stays open up to the as-of time
  if (keys === 'from') return context.t('segments.purchase.since', { from });
  if (keys !== 'from,to') return null;
  // `to` is not included (docs/segments.md): the words name the last day that is, as a reader takes "to" to include it
  const lastDay = dayBefore(within.to);
  const last = lastDay === null ? null : dateText(lastDay, context);
  if (last === null) return null;
  return sameDay(within.from, lastDay) ? context.t('segments.purchase.onDay', { day: from }) : context.t('segments.purchase.fromToIncluded', { from, last });
}
