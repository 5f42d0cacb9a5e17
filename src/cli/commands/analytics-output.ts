import { emptyRfmScores, untrackedStages, type AnalyzeResult, type Cohort, type LifecycleFunnel, type LifecycleReport, type RfmReport, type TypesReport } from '../../analytics/index.js';
import { money, table } from '../format.js';
import { countNoun } from '../count-noun.js';
import { clienteleCommand } from '../store-command.js';

/** Human renderings of `analyze` and the reports; --json prints the results as they are. */

// Intl rounds the decimal the share is written as, half away from zero (12.85 → 12.9), where toFixed
// rounds the binary double beneath it (12.85 is 12.8499… → 12.8); no grouping, as the CLI's shares were
const percentFormat = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1, roundingMode: 'halfExpand', useGrouping: false });

/**
 * A share (0 to 1, unrounded as the API gives it) to one decimal, rounded once; a share that is not
 * zero never reads as 0% (6 of 23,570 customers is "<0.1%").
 */
export const percent = (share: number) => (share > 0 && share < 0.0005 ? '<0.1%' : percentFormat.format(share));

/** A data set without prices (Groceries): its revenue is not recorded, and a column of 0.00 read as nothing sold. */
const noPricesLine = 'no revenue: the orders carry no prices (every amount is 0)';

function alertCountsText(counts: AnalyzeResult['alerts']['open']): string {
  return `${countNoun(counts.metricDrops, 'metric drop')}, ${countNoun(counts.customerOverdue, 'customer overdue', 'customers overdue')}`;
}

/** What the run's result leaves out and its VIP lines need: whether any order carries an amount, and how many reached each VIP cut-off. */
export type AnalyzeContext = { hasPrices: boolean; revenueReachedCount: number | null; frequencyReachedCount: number | null };

export function analyzeText(result: AnalyzeResult, context: AnalyzeContext): string {
  return [
    `Analysed ${countNoun(result.customers, 'customer')} (${result.realCustomers.toLocaleString('en')} real) as of ${result.asOf} in ${(result.timingMs.total / 1000).toFixed(1)} s (run #${result.runId}).`,
    `  ${typeHistoryText(result)}; RFM scored ${result.rfmScored.toLocaleString('en')}`,
    // an alert raised by an earlier run (or an order) is still open but not new: both said, so 0 new does not read as none to see
    result.alerts.raised ? `  new alerts: ${alertCountsText(result.alerts.new)}`
      : `  new alerts: none raised for a day before the latest day analysed (alerts say what is happening now)`,
    `  open alerts, new ones included: ${alertCountsText(result.alerts.open)} (${clienteleCommand('report alerts')})`,
    ...vipLines(result.vipCutoffs, context),
  ].join('\n');
}

/**
 * What `typeChanges` counts: type history spells begun and ended on the run's day. A look back (a
 * day before the latest analysed, which raises no alerts) first rewinds the history after its day,
 * which these do not count, so it says so rather than reading as "no type changed".
 */
function typeHistoryText(result: AnalyzeResult): string {
  const counts = `types entered ${result.typeChanges.entered.toLocaleString('en')}, left ${result.typeChanges.left.toLocaleString('en')} on ${result.asOf}`;
  return result.alerts.raised ? `type history: ${counts}`
    : `type history: rewound to ${result.asOf}, a day before the latest analysed (the types it took back are not counted); ${counts}`;
}

/**
 * Who is VIP by the policy's basis, or that no one is and why. A data set without prices
 * (Groceries) has no revenue to rank by: said only where the basis counts revenue, with what to do
 * when revenue is all it counts.
 */
function vipLines(vip: AnalyzeResult['vipCutoffs'], context: AnalyzeContext): string[] {
  const window = `in the last ${vip.windowDays.toLocaleString('en')} days`;
  const countsRevenue = vip.basis !== 'frequency';
  const countsDays = vip.basis !== 'revenue';
  if (!context.hasPrices && !countsDays) {
    return ['  no revenue in this data (every amount is 0): VIP by revenue finds no one; rank by purchase days with', `  ${clienteleCommand(`policy set '{"vip":{"basis":"frequency"}}'`)}`];
  }
  const noPricesLines = !context.hasPrices && countsRevenue ? ['  no revenue in this data (every amount is 0): VIP by revenue finds no one, so VIPs are those by purchase days alone'] : [];
  // no one reaches a cut-off only when no one spent or bought on two days in the window (the top customer reaches it)
  const reachedNoOne = (!countsRevenue || !context.hasPrices || context.revenueReachedCount === 0) && (!countsDays || context.frequencyReachedCount === 0);
  if (reachedNoOne || (vip.revenueMinor === null && vip.purchaseDays === null)) {
    const why = [...(countsRevenue && context.hasPrices ? ['spent anything'] : []), ...(countsDays ? ['bought on 2 or more days'] : [])].join(' or ');
    return [`  VIP: no one (no real customer ${why} ${window})`, ...noPricesLines];
  }
  // only the cut-offs the policy's basis uses: both side by side read as both required
  // a cut-off of 0 (a top share wider than the spenders) still asks for some revenue (isVipByRevenue)
  const byRevenue = countsRevenue && context.hasPrices && vip.revenueMinor !== null
    ? (vip.revenueMinor === 0 ? `any revenue above ${money(0)}` : `revenue of ${money(vip.revenueMinor)} or more`) : null;
  // one purchase day is never frequent (isVipByFrequency), whatever the cut-off
  const byDays = countsDays && vip.purchaseDays !== null ? `${Math.max(2, vip.purchaseDays)} or more purchase days` : null;
  const cutoffs = [byRevenue, byDays].filter((text) => text !== null);
  return [...(cutoffs.length > 0 ? [`  VIP: ${cutoffs.join(', or ')} ${window}`] : []), ...noPricesLines];
}

export function typesText(report: TypesReport): string {
  if (report.asOf === null) return `No analysis yet: run \`${clienteleCommand('analyze')}\`.`;
  if (report.customers === 0) return `The analysis as of ${report.asOfDay} found no customers: import customers and orders (\`${clienteleCommand('import orders FILE')}\`), then run \`${clienteleCommand('analyze')}\` again.`;
  const share = (value: number | null) => (value === null ? '' : percent(value));
  return [
    `${countNoun(report.customers, 'customer')}, as of ${report.asOfDay} (a customer may hold several types, so shares add up past 100%)`,
    ...(report.hasPrices ? [
      `revenue: net (paid orders less refunds) of the type's customers; 365d = ${report.revenueLast365DaysFrom}..${report.asOfDay} (all customers ${money(report.revenueLast365DaysMinor)}),`,
      `lifetime = up to ${report.asOfDay} (all customers ${money(report.revenueLifetimeMinor)}); a customer in several types (a VIP can also be at risk)`,
      'counts in each, so revenue shares add up past 100% too',
    ] : []),
    table(report.types.map((row) => ({
      type: row.type, customers: row.customers.toLocaleString('en'), 'as primary': row.primaryCustomers.toLocaleString('en'), 'share of customers': percent(row.share),
      ...(report.hasPrices ? {
        'revenue 365d': money(row.revenueLast365DaysMinor), 'share 365d': share(row.revenueLast365DaysShare),
        'revenue lifetime': money(row.revenueLifetimeMinor), 'share lifetime': share(row.revenueLifetimeShare),
      } : {}),
    }))),
    ...(report.hasPrices ? [] : [noPricesLine]),
    '', 'most common combinations:',
    table(report.combinations.map((row) => ({ types: row.types.join(' + '), customers: row.customers.toLocaleString('en') }))),
  ].join('\n');
}

export function rfmText(report: RfmReport): string {
  // as the web app says it: an analysis that found no one ran, and running it again alone changes nothing
  if (report.customers === 0 && report.asOfDay !== null) {
    return `The analysis ran as of ${report.asOfDay} and found no real customers to score. Next, import customers and orders, then run \`${clienteleCommand('analyze')}\` again.`;
  }
  if (report.customers === 0) return `No RFM scores yet: run \`${clienteleCommand('analyze')}\`.`;
  const cell = new Map(report.grid.map((row) => [`${row.r}:${row.f}`, row.customers]));
  const scores = [5, 4, 3, 2, 1];
  return [
    `${countNoun(report.customers, 'real customer')} scored${report.asOfDay ? `, as of ${report.asOfDay}` : ''}`,
    table(report.segments.map((row) => ({
      segment: row.segment, customers: row.customers.toLocaleString('en'), share: percent(row.share),
      'median recency (days)': Math.round(row.medianRecencyDays), 'avg purchase days': row.averageFrequency.toFixed(2),
      ...(report.hasPrices ? { revenue: money(row.revenueMinor) } : {}),
    }))),
    ...(report.hasPrices ? [] : [noPricesLine]),
    '', 'customers by recency (rows, R5 most recent) and frequency (columns, F5 most frequent):',
    table(scores.map((r) => ({ '': `R${r}`, ...Object.fromEntries(scores.slice().reverse().map((f) => [`F${f}`, (cell.get(`${r}:${f}`) ?? 0).toLocaleString('en')])) }))),
    ...emptyScoresNote(report),
    ...atRiskNote(report),
  ].join('\n');
}

/**
 * The RFM segment "At risk" and the customer type at_risk share a name and not a rule: a marketer
 * listing one for the other gets another group (on the demo, 38 customers in both of 360 and 389).
 */
function atRiskNote(report: RfmReport): string[] {
  if (!report.segments.some((row) => row.segment === 'At risk' && row.customers > 0)) return [];
  return ['', 'RFM\'s "At risk" (bought often, not lately, by the store\'s fifths) is not the customer type at_risk (overdue against the',
    'customer\'s own rhythm): `customers list --segment "At risk"` and `customers list --type at_risk` list different customers'];
}

/** Why a score column or row is empty: ties, not a fault (docs/customer-types.md, "RFM"). */
function emptyScoresNote(report: RfmReport): string[] {
  const empty = emptyRfmScores(report.grid);
  const names = [...empty.recency.map((score) => `R${score}`), ...empty.frequency.map((score) => `F${score}`)];
  if (names.length === 0) return [];
  return [`no customer scores ${names.join(', ')}: customers with the same value share one score, that of the fifth their group begins in,`,
    'so a large group of equal values (such as everyone who bought once) fills more than a fifth and the next score stays empty',
    '(docs/customer-types.md, "RFM")'];
}

/**
 * The classic triangle: retention by month since first purchase, with each cohort's repeat rate and time to a second purchase.
 * `dataEndDay`: a data set's last day; a report standing on it has its last month cut by the data's end, not "not over".
 */
export function cohortsText(report: { asOf: string; horizonDays: number; cohorts: Cohort[]; hasPrices?: boolean }, context: { dataEndDay?: string | null } = {}): string {
  if (report.cohorts.length === 0) return `No purchases up to ${report.asOf}.`;
  const width = Math.max(...report.cohorts.map((cohort) => cohort.months.length));
  // months beyond 12 make a table wider than a terminal; --json has them all
  const shown = Math.min(width, 13);
  const within = `${report.horizonDays}d`;
  return [
    `cohorts by month of first purchase, as of ${report.asOf}; retention = share of the cohort buying in month m`,
    // the figures so far grow with a cohort's age, so only those within the horizon compare cohorts
    `repeat ≤${within} = second purchase within ${report.horizonDays} days of the first ("not yet": the cohort is younger than that);`,
    'so far = up to the as-of day, lower for younger cohorts by construction',
    table(report.cohorts.map((cohort) => ({
      cohort: cohort.cohort, customers: cohort.customers.toLocaleString('en'),
      [`repeat ≤${within}`]: cohort.repeatRateWithinHorizon === null ? 'not yet' : percent(cohort.repeatRateWithinHorizon),
      [`days to 2nd ≤${within}`]: cohort.repeatRateWithinHorizon === null ? '' : cohort.medianDaysToSecondPurchaseWithinHorizon ?? '',
      'repeat so far': percent(cohort.repeatPurchaseRate),
      'days to 2nd so far': cohort.medianDaysToSecondPurchase ?? '',
      ...Object.fromEntries(Array.from({ length: shown - 1 }, (_, index) => index + 1).map((month) => {
        const entry = cohort.months.find((candidate) => candidate.monthIndex === month);
        return [`m${month}`, entry ? `${percent(entry.retentionRate)}${entry.isPartial ? '*' : ''}` : ''];
      })),
    }))),
    ...(width > shown ? [`(months ${shown} to ${width - 1}: --json)`] : []),
    ...(report.cohorts.some((cohort) => cohort.months.some((month) => month.isPartial && month.monthIndex > 0 && month.monthIndex < shown))
      ? [context.dataEndDay === report.asOf ? `* ${report.asOf.slice(0, 7)} up to ${report.asOf}: the data ends then` : `* ${report.asOf.slice(0, 7)} so far: the month is not over`] : []),
    '', report.hasPrices === false ? noPricesLine
      : `revenue per cohort customer in month 0: ${report.cohorts.map((cohort) => `${cohort.cohort} ${money(cohort.months[0]?.revenuePerCustomerMinor ?? 0)}`).join(', ')}`,
  ].join('\n');
}

/** "activation 3 (100% so far, median 13 days; ≤90d 100% of 2, median 13 days, 1 too young)" */
function funnelLine(funnel: LifecycleFunnel, horizonDays: number): string {
  const medians: Partial<Record<string, [number | null, number | null]>> = {
    activation: [funnel.medianDaysToActivation, funnel.medianDaysToActivationWithinHorizon],
    retention: [funnel.medianDaysToRetention, funnel.medianDaysToRetentionWithinHorizon],
  };
  const days = (median: number | null | undefined) => (median == null ? [] : [`median ${median} days`]);
  const stages = funnel.stages.map((stage) => {
    const [soFarMedian, withinMedian] = medians[stage.stage] ?? [null, null];
    const within = stage.withinHorizon;
    const details = untrackedStages.has(stage.stage) ? ['not tracked yet'] : [
      [...(stage.conversionFromPrevious === null ? [] : [`${percent(stage.conversionFromPrevious)} so far`]), ...days(soFarMedian)].join(', '),
      ...(within === null ? [] : [[
        `≤${horizonDays}d ${within.conversion === null ? 'not yet' : `${percent(within.conversion)} of ${within.observedCustomers.toLocaleString('en')}`}`,
        ...days(withinMedian), ...(within.tooYoungCustomers > 0 ? [`${within.tooYoungCustomers.toLocaleString('en')} too young`] : []),
      ].join(', ')]),
    ].filter((part) => part !== '');
    return `${stage.stage} ${stage.customers.toLocaleString('en')}${details.length > 0 ? ` (${details.join('; ')})` : ''}`;
  });
  return `${funnel.dimension === 'all' ? 'all customers' : `${funnel.dimension} ${funnel.segment}`}: ${stages.join(' → ')}`;
}

/** One funnel a line: overall, per acquisition channel, per acquisition month; each stage so far and at the same age. */
export function lifecycleText(report: LifecycleReport): string {
  const funnels = [report.overall, ...report.byChannel, ...report.byCohort].filter((funnel) => funnel !== null);
  if (funnels.length === 0) return `No customers up to ${report.asOf}.`;
  const within = `≤${report.horizonDays}d`;
  return [
    `lifecycle funnel as of ${report.asOf}; so far = up to the as-of day, lower for a younger mix of customers by construction;`,
    // the figures so far mix customers of every age, so only those within the horizon compare channels and cohorts
    `${within} = the share who reached a stage within ${report.horizonDays} days of the previous one, counting only those who reached the previous stage ${report.horizonDays} or more days before the as-of day`,
    `(too young: reached it more recently, left out until they have had the time; "not yet": no one old enough)`,
    ...funnels.map((funnel) => funnelLine(funnel, report.horizonDays)),
  ].join('\n');
}
