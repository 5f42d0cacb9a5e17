import { addDays } from '../../core/clock.js';
import type { RevenueReport, SummaryReport, TypeMigrationReport } from '../../reports/index.js';
import { dayClosedByInstant, localTime, money, table } from '../format.js';
import { clienteleCommand } from '../store-command.js';
import { percent } from './analytics-output.js';

/** Human renderings of `report summary | revenue | type-migration`; --json prints the reports as the API sends them. */

const count = (value: number) => value.toLocaleString('en');
const noPricesLine = 'no revenue: the orders carry no prices (every amount is 0)';
// only revenue is ever null (a store without prices), and its row is then left out for noPricesLine
const shown = (value: number | null, format: (value: number) => string) => (value === null ? 'not recorded' : format(value));

export function summaryText(report: SummaryReport): string {
  const figures: Array<[keyof SummaryReport['current'], string, (value: number) => string]> = [
    ['realCustomers', 'real customers', count], ['leads', 'leads', count], ['newCustomers', 'new customers', count],
    ['activeCustomers', 'active customers', count], ['repeatPurchaseRate', 'repeat-purchase rate', percent],
    ...(report.hasPrices ? [['revenueMinor', 'revenue', money] as [keyof SummaryReport['current'], string, (value: number) => string]] : []),
    ['orders', 'orders', count],
  ];
  const change = (value: number | null | undefined) => (value == null ? 'new' : `${value > 0 ? '+' : ''}${Number((value * 100).toFixed(1))}%`);
  // a rate's change is told in percentage points, as the web app's key figures do: 75% to 64.3% is
  // -10.7 points, where -14.3% would read as points to most readers
  const points = (current: number, previous: number) => {
    const difference = Number(((current - previous) * 100).toFixed(1));
    return `${difference > 0 ? '+' : ''}${difference} pts`;
  };
  return [
    `${report.from} – ${report.lastDay} against ${report.previousFrom} – ${report.previousLastDay}`
      + (report.comparison === 'same-time' ? ` (up to ${localTime(new Date(report.currentPeriod.to))} today, and the same time of day then)` : ' (whole days)'),
    table(figures.map(([key, name, format]) => ({
      figure: name, current: shown(report.current[key], format), previous: shown(report.previous[key], format),
      change: key === 'repeatPurchaseRate' ? points(report.current.repeatPurchaseRate, report.previous.repeatPurchaseRate) : change(report.change[key]),
    }))),
    ...(report.hasPrices ? [] : [noPricesLine]),
  ].join('\n');
}

export function revenueText(report: RevenueReport): string {
  const through = report.channel === null ? '' : ` through ${report.channel}`;
  if (report.points.every((point) => point.orders === 0)) return `No purchases${through} from ${report.from} to ${report.lastDay}.`;
  const rows = report.points.map((point) => ({
    [report.granularity]: `${report.granularity === 'month' ? point.period.slice(0, 7) : point.period}${point.isPartial ? '*' : ''}`,
    'days counted': point.from === addDays(point.to, -1) ? point.from : `${point.from} – ${addDays(point.to, -1)}`,
    ...(report.hasPrices ? { revenue: money(point.revenueMinor) } : {}), orders: count(point.orders), customers: count(point.customers),
  }));
  return [
    `revenue per ${report.granularity}${report.channel === null ? '' : `, ${report.channel} orders only`}, ${report.from} – ${report.lastDay}`,
    table(rows),
    ...(report.points.some((point) => point.isPartial) ? ['* partial: only the days counted (the range cuts it, or today is not over); not comparable with whole periods'] : []),
    ...(report.hasPrices ? [] : [noPricesLine]),
  ].join('\n');
}

export function typeMigrationText(report: TypeMigrationReport): string {
  if (report.historyStartsAt === null) return `No type history yet: run \`${clienteleCommand('analyze')}\`.`;
  const starts = new Date(report.historyStartsAt);
  const moves = report.flows.filter((flow) => flow.fromType !== flow.toType);
  const stayed = report.flows.filter((flow) => flow.fromType === flow.toType).reduce((sum, flow) => sum + flow.customers, 0);
  return [
    `type moves from the end of ${report.fromDay} to the end of ${report.toDay}`,
    moves.length === 0 ? 'no customer changed type' : table(moves.map((flow) => ({ from: flow.fromType, to: flow.toType, customers: count(flow.customers) }))),
    ...(stayed > 0 ? [`${count(stayed)} customers kept their type`] : []),
    ...(report.firstTyped.length > 0 ? [
      // the analysis's own day, as the customer timeline dates its type changes: not its end instant, 00:00 the day after
      '', `type history starts with the first analysis, as of the end of ${dayClosedByInstant(starts)}, after the end of ${report.fromDay}:`,
      'no type is known then for the customers it typed, so these are first typings, not moves:',
      table(report.firstTyped.map((entry) => ({ 'first typed as': entry.type, customers: count(entry.customers) }))),
    ] : []),
  ].join('\n');
}
