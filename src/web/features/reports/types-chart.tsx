import type { TypesReport } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { escapeHtml } from '../../components/charts/escape-html.js';
import { useI18n } from '../../i18n/i18n-context.js';

/**
 * How many customers hold each type (a customer can hold several, as the customer list's type
 * filter counts them), with each type's revenue in the tooltip. Bars are customers, not revenue:
 * leads and consumers have bought nothing, and as revenue bars they showed as empty rows.
 */
export function TypesChart({ report }: { report: TypesReport }) {
  const { t, format } = useI18n();
  const rows = report.types.filter((row) => row.customers > 0);
  const names = rows.map((row) => t(`customerTypes.${row.type}`));
  const option = {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (parameters: Array<{ dataIndex: number }>) => {
        const row = rows[parameters[0]?.dataIndex ?? -1];
        if (!row) return '';
        const lines = [names[parameters[0].dataIndex], `${t('reports.common.customers')}: ${format.number(row.customers)}`];
        if (typeof row.revenueMinor === 'number') lines.push(`${t('reports.common.revenue')}: ${format.money(row.revenueMinor)}`);
        return lines.map(escapeHtml).join('<br>');
      },
    },
    grid: { left: 8, right: 24, top: 8, bottom: 28, containLabel: true },
    xAxis: { type: 'value', name: t('reports.common.customers'), nameLocation: 'middle', nameGap: 28, minInterval: 1, axisLabel: { formatter: (value: number) => format.compact(value) } },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [{ name: t('reports.common.customers'), type: 'bar', data: rows.map((row) => row.customers), colorBy: 'data' }],
  };
  return (
    <Chart title={t('reports.types.title')} fileName="customer-types" option={option} height={Math.max(220, rows.length * 36)}
      table={{ header: [t('reports.types.type'), t('reports.common.customers'), t('reports.types.primaryCustomers'), t('reports.common.share'), t('reports.common.revenueMinor')], rows: rows.map((row, index) => [names[index], row.customers, row.primaryCustomers, row.share, row.revenueMinor ?? null]) }} />
  );
}
