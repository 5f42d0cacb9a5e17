import type { TypesReport } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { typesChartOption, typesShown } from './types-chart-option.js';

/**
 * How many customers hold each type (a customer can hold several, as the customer list's type
 * filter counts them), with each type's revenue in the tooltip. Bars are customers, not revenue:
 * leads and consumers have bought nothing, and as revenue bars they showed as empty rows.
 */
export function TypesChart({ report }: { report: TypesReport }) {
  const { t, format } = useI18n();
  const rows = typesShown(report);
  const names = rows.map((row) => t(`customerTypes.${row.type}`));
  return (
    <Chart title={t('reports.types.title')} fileName="customer-types" option={typesChartOption(report, t, format)} height={Math.max(220, rows.length * 36)}
      table={{ header: [t('reports.types.type'), t('reports.common.customers'), t('reports.types.primaryCustomers'), t('reports.common.share'), t('reports.common.revenueMinor')], rows: rows.map((row, index) => [names[index], row.customers, row.primaryCustomers, row.share, row.revenueMinor ?? null]) }} />
  );
}
