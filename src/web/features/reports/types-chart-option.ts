import type { TypesReport } from '../../api/analytics-types.js';
import { gridAroundLabels } from '../../components/charts/chart-grid.js';
import type { ChartTable } from '../../components/charts/chart-table.js';
import { escapeHtml } from '../../components/charts/escape-html.js';
import type { Formatters } from '../../i18n/format.js';
import { shareText } from './share-text.js';
import { typeColour } from './type-colours.js';
import { countAxis } from '../../components/charts/count-axis.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** The types the chart draws: a type no customer holds would be an empty row. */
export function typesShown(report: TypesReport): TypesReport['types'] {
  return report.types.filter((row) => row.customers > 0);
}

/** The customer list of a type's holders (any of their types, as the bar counts them). */
export function typeListPath(type: string): string {
  return `/customers?type=${encodeURIComponent(type)}`;
}

/**
 * Whether the bars add up past the customers analysed: a customer can hold several types (loyal
 * and at risk, a lead who received a gift is also a consumer), so the chart says so.
 */
export function holdsSeveralTypes(report: TypesReport): boolean {
  return report.types.reduce((sum, row) => sum + row.customers, 0) > report.customers;
}

/** Whether the report has revenue to show: a store whose orders carry no prices has none, and a column of 0 read as nothing sold. */
export function showsTypeRevenue(report: TypesReport): boolean {
  return report.hasPrices !== false;
}

/**
 * Tooltip lines of a type's bar: who holds it, who holds it as their main type (each customer counted once), the
 * revenue its holders brought over the last 365 days with its share of all customers' and all time, and the click.
 */
export function typeTooltipLines(row: TypesReport['types'][number], t: Translate, format: Pick<Formatters, 'number' | 'money' | 'percent'>, hasRevenue = true): string[] {
  return [
    t(`customerTypes.${row.type}`),
    t('reports.types.tooltipHolding', { customers: format.number(row.customers) }),
    t('reports.types.tooltipMain', { customers: format.number(row.primaryCustomers) }),
    ...(hasRevenue ? [
      t('reports.types.tooltipRevenue', { revenue: format.money(row.revenueLast365DaysMinor), share: row.revenueLast365DaysShare === null ? '–' : shareText(row.revenueLast365DaysShare, format) }),
      t('reports.types.tooltipRevenueLifetime', { revenue: format.money(row.revenueLifetimeMinor) }),
    ] : []),
    t('reports.types.tooltipOpen'),
  ];
}

/**
 * Bars of customers per type, each in its type's own colour: by position (`colorBy: 'data'`) VIP
 * was purple in one report and green in another, depending on which types came before it. The
 * type names take clicks too (`triggerEvent`), so a short bar is as easy to open as a long one.
 */
export function typesChartOption(report: TypesReport, t: Translate, format: Pick<Formatters, 'number' | 'money' | 'percent' | 'compact'>) {
  const rows = typesShown(report);
  const names = rows.map((row) => t(`customerTypes.${row.type}`));
  return {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (parameters: Array<{ dataIndex: number }>) => {
        const row = rows[parameters[0]?.dataIndex ?? -1];
        return row ? typeTooltipLines(row, t, format, showsTypeRevenue(report)).map(escapeHtml).join('<br>') : '';
      },
    },
    grid: gridAroundLabels({ left: 8, right: 24, top: 8, bottom: 28 }),
    xAxis: { ...countAxis(format), name: t('reports.common.customers'), nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'category', data: names, inverse: true, triggerEvent: true },
    series: [{ name: t('reports.common.customers'), type: 'bar', cursor: 'pointer', data: rows.map((row) => ({ value: row.customers, itemStyle: { color: typeColour(row.type) } })) }],
  };
}

/** The type a click on the chart means: a bar (by its index) or a type's name on the axis. */
export function clickedType(report: TypesReport, event: { componentType?: string; dataIndex?: number; value?: unknown }, t: Translate): string | null {
  const rows = typesShown(report);
  if (event.componentType === 'series' && typeof event.dataIndex === 'number') return rows[event.dataIndex]?.type ?? null;
  if (event.componentType === 'yAxis') return rows.find((row) => t(`customerTypes.${row.type}`) === event.value)?.type ?? null;
  return null;
}

/** The chart's numbers: per type, its holders, its main-type customers and their share; with prices, its holders' revenue over the last 365 days, their share of it and all time. */
export function typesTable(report: TypesReport, t: Translate): ChartTable {
  const rows = typesShown(report);
  const hasRevenue = showsTypeRevenue(report);
  return {
    header: [
      t('reports.types.type'), t('reports.common.customers'), t('reports.types.primaryCustomers'), t('reports.common.share'),
      ...(hasRevenue ? [t('reports.types.revenueLast365Days'), t('reports.types.revenueShare'), t('reports.types.revenueLifetime')] : []),
    ],
    kinds: ['text', 'count', 'count', 'percent', 'money', 'percent', 'money'],
    rows: rows.map((row) => [
      t(`customerTypes.${row.type}`), row.customers, row.primaryCustomers, row.share,
      ...(hasRevenue ? [row.revenueLast365DaysMinor, row.revenueLast365DaysShare, row.revenueLifetimeMinor] : []),
    ]),
  };
}
