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

export type ComparedFigure = { key: FigureKey; group: 'period' | 'total'; current: number; previous: number; trend: 'up' | 'down' | 'flat'; change: FigureChange };
export type KeyFigureGroups = { period: ComparedFigure[]; totals: ComparedFigure[] };

export function groupKeyFigures(summary: Pick<StoreSummary, 'current' | 'previous' | 'change'>): KeyFigureGroups {
  const compare = (key: FigureKey, group: ComparedFigure['group']): ComparedFigure => {
    const current = summary.current[key];
    const previous = summary.previous[key];
    const trend = current > previous ? 'up' : current < previous ? 'down' : 'flat';
    const figure = { key, group, current, previous, trend } as const;
    if (key === 'repeatPurchaseRate') return { ...figure, change: { kind: 'points', points: (current - previous) * 100 } };
    if (group === 'total') return { ...figure, change: { kind: 'difference', difference: current - previous } };
    const ratio = summary.change?.[key] ?? (previous === 0 ? null : (current - previous) / previous);
    return { ...figure, change: { kind: 'ratio', ratio } };
  };
  return { period: periodFigureKeys.map((key) => compare(key, 'period')), totals: totalFigureKeys.map((key) => compare(key, 'total')) };
}

export type FigureTexts = { label: string; value: string; comparison: string; trend: 'up' | 'down' | 'flat'; previous: string };
type TextContext = { t: Translate; locale: Locale; format: Pick<Formatters, 'number' | 'percent' | 'money' | 'date' | 'dateTime'> };

/** A difference with its sign written out ("+12", "−3", "±0"): a store total's change is read as a count, not a direction. */
export function signedNumber(value: number, format: Pick<Formatters, 'number'>, fractionDigits = 0): string {
  const shown = format.number(Math.abs(value), fractionDigits);
  const isZero = Number(Math.abs(value).toFixed(fractionDigits)) === 0;
  return `${isZero ? '±' : value > 0 ? '+' : '−'}${shown}`;
}

function valueText(key: FigureKey, value: number, format: TextContext['format']): string {
  if (key === 'revenueMinor') return format.money(value);
  if (key === 'repeatPurchaseRate') return format.percent(value);
  return format.number(value);
}

/**
 * A period figure against the previous period (its change and its value then, as before); a
 * store total against its own total when the previous period ended: "+12 since 7 days ago",
 * "7 days ago: 1,188" on a live store, "… since the end of 31 May 1998" for a data set's whole
 * days. A total's sign carries its direction, so it goes without the arrow the period figures have.
 */
export function keyFigureTexts(figure: ComparedFigure, period: PeriodDescription, { t, locale, format }: TextContext): FigureTexts {
  const label = t(`home.figures.${figure.key}`);
  const value = valueText(figure.key, figure.current, format);
  const previousValue = valueText(figure.key, figure.previous, format);
  const { change } = figure;
  if (figure.group === 'period') {
    const comparison = change.kind === 'points' ? t('home.vsPreviousPoints', { points: format.number(change.points, 1) })
      : change.kind === 'ratio' && change.ratio !== null ? t('home.vsPrevious', { change: format.percent(change.ratio) }) : t('home.vsPreviousNone');
    return { label, value, comparison, trend: figure.trend, previous: t('home.previousValue', { value: previousValue }) };
  }
  const difference = change.kind === 'points' ? t('home.totals.points', { points: signedNumber(change.points, format, 1) })
    : signedNumber(change.kind === 'difference' ? change.difference : 0, format);
  const isSameTime = period.end === 'same-time';
  const days = format.number(period.days);
  const comparison = isSameTime
    ? t(pluralKey(locale, 'home.totals.sinceDaysAgo', period.days), { change: difference, days })
    : t('home.totals.sinceEndOf', { change: difference, day: format.date(period.previousLastDay) });
  const previous = isSameTime
    ? t(pluralKey(locale, 'home.totals.daysAgoValue', period.days), { days, value: previousValue })
    : t('home.totals.endOfValue', { day: format.date(period.previousLastDay), value: previousValue });
  return { label, value, comparison, trend: 'flat', previous };
}

/** What the totals are and what they are held against, said once above them. */
export function totalsCaption(period: PeriodDescription, { t, locale, format }: TextContext): string {
  if (period.end === 'same-time' && period.previousEnd) {
    return t(pluralKey(locale, 'home.totals.captionNow', period.days), { now: format.dateTime(period.asOf), days: format.number(period.days), previousNow: format.dateTime(period.previousEnd) });
  }
  return t('home.totals.captionEndOf', { day: format.date(period.lastDay), previousDay: format.date(period.previousLastDay) });
}
