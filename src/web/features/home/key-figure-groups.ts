import type { KeyFigures, StoreSummary } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import type { PeriodDescription } from './period-text.js';

export type FigureKey = keyof KeyFigures;
type Translate = (key: string, variables?: Record<string, string | number>) => string;

/**
 * The summary holds two kinds of figure (src/reports/period-figures.repo.ts defines them).
 * Revenue, orders, active and new customers are what happened in the period. Real customers,
 * leads and the repeat-purchase rate are the whole store as it stood at the period's end:
 * counted over all time up to then, so they read the same whichever period is picked, and their
 * "previous" is the total as it stood at the end of the previous period (N days earlier). A
 * growth rate "vs previous period" on those read as the period's growth; they are compared as a
 * difference between the total now and the total then instead.
 */
export const periodFigureKeys = ['revenueMinor', 'orders', 'activeCustomers', 'newCustomers'] as const satisfies readonly FigureKey[];
export const totalFigureKeys = ['realCustomers', 'leads', 'repeatPurchaseRate'] as const satisfies readonly FigureKey[];

export type FigureChange =
  /** A period figure: (current − previous) / previous, as the server gives it; null when the previous one was 0. */
  | { kind: 'ratio'; ratio: number | null }
  /** A rate: the difference in percentage points. */
  | { kind: 'points'; points: number }
  /** A store total: how many more (or fewer) than the total then. */
  | { kind: 'difference'; difference: number };

export type ComparedFigure = {
  key: FigureKey; group: 'period' | 'total'; current: number; previous: number; trend: 'up' | 'down' | 'flat'; change: FigureChange;
  /** The real customers at the end of each period: a rate over none is not measured (0/0), not 0%. */
  realCustomers: { current: number; previous: number };
  /** An amount of a store whose orders carry no prices (every amount 0): its 0 is not recorded, not nothing sold. */
  isUnpriced: boolean;
};
export type KeyFigureGroups = { period: ComparedFigure[]; totals: ComparedFigure[] };

export function groupKeyFigures(summary: Pick<StoreSummary, 'current' | 'previous' | 'change' | 'hasPrices'>): KeyFigureGroups {
  const compare = (key: FigureKey, group: ComparedFigure['group']): ComparedFigure => {
    // revenue is null when the orders carry no prices: shown as not recorded (isUnpriced), never as 0
    const isUnpriced = key === 'revenueMinor' && (summary.hasPrices === false || summary.current[key] === null || summary.previous[key] === null);
    const current = summary.current[key] ?? 0;
    const previous = summary.previous[key] ?? 0;
    const trend = isUnpriced ? 'flat' : current > previous ? 'up' : current < previous ? 'down' : 'flat';
    const realCustomers = { current: summary.current.realCustomers, previous: summary.previous.realCustomers };
    const figure = { key, group, current, previous, trend, realCustomers, isUnpriced } as const;
    if (key === 'repeatPurchaseRate') return { ...figure, change: { kind: 'points', points: (current - previous) * 100 } };
    if (group === 'total') return { ...figure, change: { kind: 'difference', difference: current - previous } };
    const ratio = summary.change?.[key] ?? (previous === 0 ? null : (current - previous) / previous);
    return { ...figure, change: { kind: 'ratio', ratio } };
  };
  return { period: periodFigureKeys.map((key) => compare(key, 'period')), totals: totalFigureKeys.map((key) => compare(key, 'total')) };
}

export type FigureTexts = { label: string; value: string; comparison: string; trend: 'up' | 'down' | 'flat'; previous: string };
type TextContext = { t: Translate; locale: Locale; format: Pick<Formatters, 'number' | 'percent' | 'money' | 'date' | 'dateTime'> };

/**
 * The one rule for a change's sign, for every key figure and language: the sign is written out, "+12",
 * "−3" (a minus sign, not a hyphen), and "±0" for what rounds to nothing; no arrow besides, so a fall
 * never reads "▼ -8.6%" with its direction twice.
 */
function withSign(value: number, shown: string, isZero: boolean): string {
  return `${isZero ? '±' : value > 0 ? '+' : '−'}${shown}`;
}

/** A difference with its sign written out ("+12", "−3", "±0"). */
export function signedNumber(value: number, format: Pick<Formatters, 'number'>, fractionDigits = 0): string {
  const shown = format.number(Math.abs(value), fractionDigits);
  return withSign(value, shown, Number(Math.abs(value).toFixed(fractionDigits)) === 0);
}

/** A ratio as a signed percentage: 0.059 → "+5.9%", −0.086 → "−8.6%", 0.0004 → "±0%" (in Latvian "+5,9%"). */
export function signedPercent(ratio: number, format: Pick<Formatters, 'percent'>): string {
  const shown = format.percent(Math.abs(ratio));
  return withSign(ratio, shown, Number((Math.abs(ratio) * 100).toFixed(1)) === 0);
}

function valueText(key: FigureKey, value: number, format: TextContext['format']): string {
  if (key === 'revenueMinor') return format.money(value);
  if (key === 'repeatPurchaseRate') return format.percent(value);
  return format.number(value);
}

/** What a figure that cannot be measured yet shows: the repeat-purchase rate of a store without real customers. */
export const notMeasured = '–';

/**
 * A period figure against the previous period (its change and its value then, as before; "none in
 * either period" when both are 0, where a 0% change said nothing); a store total against its own total when the previous period ended: "+12 since 7 days ago",
 * "7 days ago: 1,188" on a live store, "… since the end of 31 May 1998" for a data set's whole
 * days. Every change carries its sign (signedNumber, signedPercent), and nothing else says its direction.
 */
export function keyFigureTexts(figure: ComparedFigure, period: PeriodDescription, { t, locale, format }: TextContext): FigureTexts {
  const label = t(`home.figures.${figure.key}`);
  // "€0.00, none in either period" would say nothing was sold; nothing was priced
  if (figure.isUnpriced) return { label, value: t('reports.common.noPrices'), comparison: '', trend: 'flat', previous: '' };
  const { change } = figure;
  // a repeat-purchase rate of no real customers is not 0%: there is nothing to measure yet
  const isRateUnmeasured = (realCustomers: number) => figure.key === 'repeatPurchaseRate' && realCustomers === 0;
  const value = isRateUnmeasured(figure.realCustomers.current) ? notMeasured : valueText(figure.key, figure.current, format);
  const previousValue = isRateUnmeasured(figure.realCustomers.previous) ? notMeasured : valueText(figure.key, figure.previous, format);
  if (figure.group === 'period') {
    const comparison = change.kind === 'points' ? t('home.vsPreviousPoints', { points: signedNumber(change.points, format, 1) })
      : figure.current === 0 && figure.previous === 0 ? t('home.vsPreviousNeither')
        : change.kind === 'ratio' && change.ratio !== null ? t('home.vsPrevious', { change: signedPercent(change.ratio, format) }) : t('home.vsPreviousNone');
    return { label, value, comparison, trend: figure.trend, previous: t('home.previousValue', { value: previousValue }) };
  }
  const isSameTime = period.end === 'same-time';
  const days = format.number(period.days);
  const previous = isSameTime
    ? t(pluralKey(locale, 'home.totals.daysAgoValue', period.days), { days, value: previousValue })
    : t('home.totals.endOfValue', { day: format.date(period.previousLastDay), value: previousValue });
  if (isRateUnmeasured(figure.realCustomers.current)) return { label, value, comparison: t('home.totals.rateNotYet'), trend: 'flat', previous };
  // a rate then of no customers has nothing to be compared with: its value then ("–") says so
  if (isRateUnmeasured(figure.realCustomers.previous)) return { label, value, comparison: '', trend: 'flat', previous };
  const difference = change.kind === 'points' ? t('home.totals.points', { points: signedNumber(change.points, format, 1) })
    : signedNumber(change.kind === 'difference' ? change.difference : 0, format);
  const comparison = isSameTime
    ? t(pluralKey(locale, 'home.totals.sinceDaysAgo', period.days), { change: difference, days })
    : t('home.totals.sinceEndOf', { change: difference, day: format.date(period.previousLastDay) });
  return { label, value, comparison, trend: 'flat', previous };
}

/** What the totals are and what they are held against, said once above them. */
export function totalsCaption(period: PeriodDescription, { t, locale, format }: TextContext): string {
  if (period.end === 'same-time' && period.previousEnd) {
    return t(pluralKey(locale, 'home.totals.captionNow', period.days), { now: format.dateTime(period.asOf), days: format.number(period.days), previousNow: format.dateTime(period.previousEnd) });
  }
  return t('home.totals.captionEndOf', { day: format.date(period.lastDay), previousDay: format.date(period.previousLastDay) });
}
