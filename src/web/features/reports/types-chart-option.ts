import type { TypesReport } from '../../api/analytics-types.js';
import { escapeHtml } from '../../components/charts/escape-html.js';
import type { Formatters } from '../../i18n/format.js';
import { typeColour } from './type-colours.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** The types the chart draws: a type no customer holds would be an empty row. */
export function typesShown(report: TypesReport): TypesReport['types'] {
  return report.types.filter((row) => row.customers > 0);
}

/**
 * Bars of customers per type, each in its type's own colour: by position (`colorBy: 'data'`) VIP
 * was purple in one report and green in another, depending on which types came before it.
 */
export function typesChartOption(report: TypesReport, t: Translate, format: Pick<Formatters, 'number' | 'money' | 'compact'>) {
  const rows = typesShown(report);
  const names = rows.map((row) => t(`customerTypes.${row.type}`));
  return {
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
    series: [{ name: t('reports.common.customers'), type: 'bar', data: rows.map((row) => ({ value: row.customers, itemStyle: { color: typeColour(row.type) } })) }],
  };
}
