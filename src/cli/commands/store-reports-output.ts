import { addDays } from '../../core/clock.js';
import type { ReportCreditNotes, RevenueReport, SummaryReport, TypeMigrationReport } from '../../reports/index.js';
import { localTime, money, table } from '../format.js';
import { countNoun } from '../count-noun.js';
import { clienteleCommand } from '../store-command.js';
import { percent } from './analytics-output.js';

/** Human renderings of `report summary | revenue | type-migration`; --json prints the reports as the API sends them. */

const count = (value: number) => value.toLocaleString('en');
const noPricesLine = 'no revenue: the orders carry no prices (every amount is 0)';
// only revenue is ever null (a store without prices), and its row is then left out for noPricesLine
const shown = (value: number | null, format: (value: number) => string) => (value === null ? 'not recorded' : format(value));
/** What a figure that cannot be measured shows, as the web app's key figures do: a rate of no real customers, a change from 0 to 0. */
const notMeasured = '–';
// a change rounded once, half away from zero in decimal, as percent() rounds a share; its sign written out
const changeFormat = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1, roundingMode: 'halfExpand', useGrouping: false, signDisplay: 'exceptZero' });
const pointsFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1, roundingMode: 'halfExpand', useGrouping: false, signDisplay: 'exceptZero' });

/**
 * Credit notes no earlier sale of their customer could take (in full): sales less every credit note would be lower than
 * the revenue shown by their amount, which a reconciliation would otherwise find missing.
 */
function unappliedCreditLines(report: ReportCreditNotes): string[] {
  const { creditNotes, amountMinor } = report.unappliedCredit;
  if (creditNotes === 0) return [];
  const takes = creditNotes === 1 ? 'its customer and takes' : 'their customer and take';
  return [`${countNoun(creditNotes, 'credit note')} (${money(amountMinor)}) matched no earlier sale of ${takes} nothing off revenue`];
}

// a credit note lowers the sale it credits, so the figure read for a past day can fall after it was first read
const restatedLine = "credit notes count on the day of the sale they credit, not their own: a later credit note lowers days already reported";

export function summaryText(report: SummaryReport): string {
  const figures: Array<[keyof SummaryReport['current'], string, (value: number) => string]> = [
    ['realCustomers', 'real customers', count], ['leads', 'leads', count], ['newCustomers', 'new customers', count],
    ['activeCustomers', 'active customers', count], ['repeatPurchaseRate', 'repeat-purchase rate', percent],
    ...(report.hasPrices ? [['revenueMinor', 'revenue', money] as [keyof SummaryReport['current'], string, (value: number) => string]] : []),
    ['orders', 'orders', count],
  ];
  // a change from 0 to 0 is none in either period, where "0%" would read as flat sales
  const change = (key: keyof SummaryReport['current']) => {
    const value = report.change[key];
    if (report.current[key] === 0 && report.previous[key] === 0) return notMeasured;
    return value == null ? 'new' : changeFormat.format(value);
  };
  // a repeat-purchase rate of no real customers is not 0%: there is nothing to measure yet
  const rate = (figures: SummaryReport['current']) => (figures.realCustomers === 0 ? notMeasured : percent(figures.repeatPurchaseRate));
  // a rate's change is told in percentage points, as the web app's key figures do: 75% to 64.3% is
  // -10.7 points, where -14.3% would read as points to most readers
  const points = () => {
    if (report.current.realCustomers === 0 || report.previous.realCustomers === 0) return notMeasured;
    return `${pointsFormat.format((report.current.repeatPurchaseRate - report.previous.repeatPurchaseRate) * 100)} pts`;
  };
  return [
    `${report.from} – ${report.lastDay} against ${report.previousFrom} – ${report.previousLastDay}`
      + (report.comparison === 'same-time' ? ` (up to ${localTime(new Date(report.currentPeriod.to))} today, and the same time of day then)` : ' (whole days)'),
    table(figures.map(([key, name, format]) => (key === 'repeatPurchaseRate'
      ? { figure: name, current: rate(report.current), previous: rate(report.previous), change: points() }
      : { figure: name, current: shown(report.current[key], format), previous: shown(report.previous[key], format), change: change(key) }))),
    ...(report.hasPrices ? unappliedCreditLines(report) : [noPricesLine]),
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
    ...(report.hasCreditNotes ? [restatedLine] : []),
    ...(report.hasPrices ? unappliedCreditLines(report) : [noPricesLine]),
  ].join('\n');
}

export function typeMigrationText(report: TypeMigrationReport): string {
  if (report.historyStartsAt === null) return `No type history yet: run \`${clienteleCommand('analyze')}\`.`;
  const moves = report.flows.filter((flow) => flow.fromType !== flow.toType);
  const stayed = report.flows.filter((flow) => flow.fromType === flow.toType).reduce((sum, flow) => sum + flow.customers, 0);
  return [
    `type moves from the end of ${report.fromDay} to the end of ${report.toDay}`,
    // no type is known before the history's start: the range is read from there
    ...(report.historyFrom === null ? [] : [`history starts ${report.historyFrom}; moves since then`]),
    moves.length === 0 ? 'no customer changed type' : table(moves.map((flow) => ({ from: flow.fromType, to: flow.toType, customers: count(flow.customers) }))),
    ...(stayed > 0 ? [`${countNoun(stayed, 'customer')} kept their type`] : []),
    ...(report.firstTyped.length > 0 ? [
      '', `the first analysis (${report.historyFrom}) typed them first as:`,
      table(report.firstTyped.map((entry) => ({ 'first typed as': entry.type, customers: count(entry.customers) }))),
    ] : []),
  ].join('\n');
}
