import type { KeyFigures as Figures, StoreSummary } from '../../api/analytics-types.js';
import { KeyFigure } from '../../components/key-figure.js';
import { useI18n } from '../../i18n/i18n-context.js';

type FigureKey = keyof Figures;

/** Each figure beside its value in the previous period of the same length; rates compare in points, counts in percent. */
export function KeyFigures({ summary }: { summary: StoreSummary }) {
  const { t, format } = useI18n();
  const change = (key: FigureKey): { text: string; trend: 'up' | 'down' | 'flat' } => {
    const current = summary.current[key];
    const previous = summary.previous[key];
    const trend = current > previous ? 'up' : current < previous ? 'down' : 'flat';
    if (key === 'repeatPurchaseRate') return { text: t('home.vsPreviousPoints', { points: format.number((current - previous) * 100, 1) }), trend };
    if (previous === 0) return { text: t('home.vsPreviousNone'), trend };
    return { text: t('home.vsPrevious', { change: format.percent((current - previous) / previous) }), trend };
  };
  const figures: Array<{ key: FigureKey; value: string }> = [
    { key: 'realCustomers', value: format.number(summary.current.realCustomers) },
    { key: 'leads', value: format.number(summary.current.leads) },
    { key: 'newCustomers', value: format.number(summary.current.newCustomers) },
    { key: 'activeCustomers', value: format.number(summary.current.activeCustomers) },
    { key: 'repeatPurchaseRate', value: format.percent(summary.current.repeatPurchaseRate) },
    { key: 'revenueMinor', value: format.money(summary.current.revenueMinor) },
  ];
  return (
    <>
      <p className="muted small">{t('home.periodRange', { from: format.date(summary.from), to: format.date(summary.to), previousFrom: format.date(summary.previousFrom), previousTo: format.date(summary.previousTo) })}</p>
      <dl className="key-figures">
        {figures.map((figure) => {
          const comparison = change(figure.key);
          return <KeyFigure key={figure.key} label={t(`home.figures.${figure.key}`)} value={figure.value} comparison={comparison.text} trend={comparison.trend} />;
        })}
      </dl>
    </>
  );
}
