import type { KeyFigures as Figures, StoreSummary } from '../../api/analytics-types.js';
import { KeyFigure } from '../../components/key-figure.js';
import { useI18n } from '../../i18n/i18n-context.js';

type FigureKey = keyof Figures;

const figureOrder: FigureKey[] = ['revenueMinor', 'orders', 'realCustomers', 'activeCustomers', 'newCustomers', 'leads', 'repeatPurchaseRate'];

/**
 * Each figure beside its value in the previous period of the same length. Counts and
 * revenue use the server's change ratio; the repeat-purchase rate compares in points.
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
  return (
    <>
      <p className="muted small">{t('home.periodRange', { from: format.date(summary.from), to: format.date(lastDayOf(summary.to)), previousFrom: format.date(summary.previousFrom), previousTo: format.date(lastDayOf(summary.previousTo)) })}</p>
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

/** The summary's `to` is exclusive (the day after the period); people read the last day included. */
function lastDayOf(exclusiveEnd: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(exclusiveEnd)) return exclusiveEnd;
  const day = new Date(`${exclusiveEnd}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
