import type { KeyFigures as Figures, StoreSummary } from '../../api/analytics-types.js';
import { KeyFigure } from '../../components/key-figure.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { describePeriod } from './period-text.js';

type FigureKey = keyof Figures;

const figureOrder: FigureKey[] = ['revenueMinor', 'orders', 'realCustomers', 'activeCustomers', 'newCustomers', 'leads', 'repeatPurchaseRate'];

/**
 * Each figure beside its value in the previous period of the same length. Counts and
 * revenue use the server's change ratio; the repeat-purchase rate compares in points.
 * The sentence above them says what the server compared: on a live store, the
 * period up to now against the same span N days earlier up to the same time of
 * day (so a morning's figures are not held against whole days); whole days for a
 * data set.
 */
export function KeyFigures({ summary }: { summary: StoreSummary }) {
  const { t, format } = useI18n();
  const change = (key: FigureKey): { text: string; trend: 'up' | 'down' | 'flat' } => {
    const current = summary.current[key];
    const previous = summary.previous[key];
    const trend = current > previous ? 'up' : current < previous ? 'down' : 'flat';
    if (key === 'repeatPurchaseRate') return { text: t('home.vsPreviousPoints', { points: format.number((current - previous) * 100, 1) }), trend };
    const ratio = summary.change?.[key] ?? (previous === 0 ? null : (current - previous) / previous);
    if (ratio === null) return { text: t('home.vsPreviousNone'), trend };
    return { text: t('home.vsPrevious', { change: format.percent(ratio) }), trend };
  };
  const value = (key: FigureKey): string => {
    const current = summary.current[key];
    if (key === 'revenueMinor') return format.money(current);
    if (key === 'repeatPurchaseRate') return format.percent(current);
    return format.number(current);
  };
  const previousValue = (key: FigureKey): string => {
    const previous = summary.previous[key];
    if (key === 'revenueMinor') return format.money(previous);
    if (key === 'repeatPurchaseRate') return format.percent(previous);
    return format.number(previous);
  };
  const period = describePeriod(summary);
  const dates = { days: period.days, from: format.date(period.from), previousFrom: format.date(period.previousFrom), previousTo: format.date(period.previousLastDay) };
  const periodText = period.end === 'same-time' && period.previousEnd
    ? t('home.periodTodaySoFar', { days: period.days, from: dates.from, now: format.dateTime(period.asOf), previousFrom: dates.previousFrom, previousNow: format.dateTime(period.previousEnd) })
    : t(period.end === 'whole-days' ? 'home.periodWholeDays' : 'home.periodRange', { ...dates, to: format.date(period.lastDay) });
  return (
    <>
      <p className="muted small key-figures-period">{periodText}</p>
      <dl className="key-figures">
        {figureOrder.map((key) => {
          const comparison = change(key);
          return (
            <KeyFigure key={key} label={t(`home.figures.${key}`)} value={value(key)} comparison={comparison.text} trend={comparison.trend}
              previous={t('home.previousValue', { value: previousValue(key) })} />
          );
        })}
      </dl>
    </>
  );
}
