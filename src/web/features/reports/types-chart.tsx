import type { TypesReport } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Revenue by customer type when the report carries it, otherwise the number of customers: the axis says which. */
export function TypesChart({ report }: { report: TypesReport }) {
  const { t, format } = useI18n();
  const hasRevenue = report.types.some((row) => typeof row.revenueMinor === 'number');
  const rows = report.types.filter((row) => row.customers > 0);
  const values = rows.map((row) => (hasRevenue ? row.revenueMinor ?? 0 : row.primaryCustomers));
  const names = rows.map((row) => t(`customerTypes.${row.type}`));
  const measure = hasRevenue ? t('reports.common.revenue') : t('reports.types.primaryCustomers');
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value: number) => (hasRevenue ? format.money(value) : format.number(value)) },
    grid: { left: 8, right: 24, top: 8, bottom: 28, containLabel: true },
    xAxis: { type: 'value', name: measure, nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: (value: number) => (hasRevenue ? format.moneyCompact(value) : format.compact(value)) } },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [{ name: measure, type: 'bar', data: values, colorBy: 'data' }],
  };
  return (
    <Chart title={t('reports.types.title')} fileName="customer-types" option={option} height={Math.max(220, rows.length * 36)}
      table={{ header: [t('reports.types.type'), t('reports.common.customers'), t('reports.types.primaryCustomers'), t('reports.common.share'), t('reports.common.revenueMinor')], rows: rows.map((row, index) => [names[index], row.customers, row.primaryCustomers, row.share, row.revenueMinor ?? null]) }} />
  );
}
