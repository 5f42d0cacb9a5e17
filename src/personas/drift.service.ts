import { sql, type Kysely, type RawBuilder } from 'kysely';
import { getStoreSettings } from '../settings/index.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { getSegment, matchingCustomers, prepareFilter, resolveDate, segmentErrorCodes, startOf, storeCalendarOf } from '../segments/index.js';
import { cohensD, compareCategorical, flagShifts, magnitudeOfD, noStatisticReasonOfD, type CategoricalShift, type GroupShift, type Magnitude, type NoStatisticReason, type NumericSummary } from './drift.js';
import { activeByPersona, loadPeriodFacts, type Counts, type Period, type PeriodFacts, type SpendSummary } from './drift.repo.js';
import { personaMemberIds } from './persona-members.repo.js';
import { findCurrentModel, listActivePersonas } from './personas.repo.js';
import { getPersona } from './personas.service.js';

type Db = Kysely<Database>;

export type DriftGroup = { kind: 'all' } | { kind: 'segment'; segment: number | string } | { kind: 'persona'; personaId: number } | { kind: 'filter'; filter: unknown };
export type { SpendSummary };
/**
 * `magnitude` is null when there is no statistic; `noStatisticReason` says why (drift.ts). The
 * spend row ("spend (log)") compares ln(1 + spend in minor units) per buyer — its `before`,
 * `after` and d are on that scale, so one big buyer does not decide the size of a change — and
 * carries the money itself in `spendPerBuyer`: the plain mean and the median spend per buyer.
 */
export type NumericDrift = {
  attribute: string; kind: 'numeric'; unit: 'customers'; before: NumericSummary; after: NumericSummary; cohensD: number | null; magnitude: Magnitude | null; noStatisticReason: NoStatisticReason | null;
  spendPerBuyer?: { before: SpendSummary; after: SpendSummary };
};
/** The name of the spend row: compared on a log scale, shown in money from its `spendPerBuyer`. */
export const spendAttribute = 'spend (log)';
export type CategoricalDrift = CategoricalShift & { attribute: string; kind: 'categorical'; unit: 'customers' | 'orders' | 'amount' };
export type DriftAttribute = NumericDrift | CategoricalDrift;
export type PersonaShift = GroupShift & { personaId: number };
/**
 * A period as asked: a day (YYYY-MM-DD) is that day on the store's calendar, from its first
 * instant in the store's time zone; an ISO time with an offset (or a Date) is that instant.
 */
export type DriftPeriodInput = { from: string | Date; to: string | Date };
/** A period as echoed: days stay days, instants are ISO times. */
export type DriftPeriodShown = { from: string; to: string };
export type DriftReport = {
  group: string;
  before: DriftPeriodShown & { customers: number };
  after: DriftPeriodShown & { customers: number };
  attributes: DriftAttribute[];
  /** Every current persona's share of active customers in each period; null before any discovery. */
  personaShifts: PersonaShift[] | null;
};

/** The largest labels by combined count, the rest summed as "other", so charts stay readable. */
function keepTop(before: Counts, after: Counts, limit: number): [Counts, Counts] {
  const labels = [...new Set([...before.keys(), ...after.keys()])].sort((a, b) => (after.get(b) ?? 0) + (before.get(b) ?? 0) - (after.get(a) ?? 0) - (before.get(a) ?? 0));
  if (labels.length <= limit) return [before, after];
  const kept = new Set(labels.slice(0, limit));
  const fold = (counts: Counts) => {
    const folded: Counts = new Map();
    for (const [label, value] of counts) {
      const key = kept.has(label) ? label : '(other)';
      folded.set(key, (folded.get(key) ?? 0) + value);
    }
    return folded;
  };
  return [fold(before), fold(after)];
}

async function resolveGroup(db: Db, group: DriftGroup, asOf: Date): Promise<{ label: string; customers: RawBuilder<unknown> | null }> {
  switch (group.kind) {
    case 'all': return { label: 'all customers', customers: null };
    case 'segment': {
      const segment = await getSegment(db, group.segment);
      return { label: `segment "${segment.name}"`, customers: sql`select customer_id from segment_member where segment_id = ${segment.segment_id}` };
    }
    case 'persona': {
      const persona = await getPersona(db, group.personaId);
      // its members now: not those who withdrew profiling consent since they were placed in it
      return { label: `persona "${persona.name}"`, customers: personaMemberIds(persona.personaId) };
    }
    case 'filter': {
      // relative dates in the filter are anchored at the end of the later period
      const { compiled } = await prepareFilter(db, group.filter, asOf);
      return { label: 'filter', customers: sql`select customer_id from (${matchingCustomers(compiled)}) m` };
    }
  }
}

function numeric(attribute: string, before: NumericSummary, after: NumericSummary): NumericDrift {
  const d = cohensD(before, after);
  return { attribute, kind: 'numeric', unit: 'customers', before, after, cohensD: d, magnitude: d === null ? null : magnitudeOfD(d), noStatisticReason: noStatisticReasonOfD(before, after, d) };
}

function attributesOf(before: PeriodFacts, after: PeriodFacts): DriftAttribute[] {
  const categorical = (attribute: string, unit: CategoricalDrift['unit'], a: Counts, b: Counts, limit = 12): CategoricalDrift => {
    const [kept, keptAfter] = keepTop(a, b, limit);
    return { attribute, kind: 'categorical', unit, ...compareCategorical(kept, keptAfter) };
  };
  const [amountBefore, amountAfter] = keepTop(before.categoryAmount, after.categoryAmount, 12);
  const [linesBefore, linesAfter] = keepTop(before.categoryLines, after.categoryLines, 12);
  return [
    numeric('age', before.age, after.age),
    { ...numeric(spendAttribute, before.logSpend, after.logSpend), spendPerBuyer: { before: before.spend, after: after.spend } },
    numeric('orders per customer', before.orders, after.orders),
    categorical('age band', 'customers', before.ageBand, after.ageBand),
    categorical('income band', 'customers', before.incomeBand, after.incomeBand),
    categorical('city', 'customers', before.city, after.city, 10),
    categorical('kind', 'customers', before.kind, after.kind),
    categorical('channel', 'orders', before.channelOrders, after.channelOrders),
    { attribute: 'category', kind: 'categorical', unit: 'amount', ...compareCategorical(amountBefore, amountAfter, { before: linesBefore, after: linesAfter }) },
  ];
}

/**
 * Days in the store's zone, read by the rules of segments' dates (filter-days.ts: a time without an
 * offset is on the store's clock), and how the period is echoed.
 */
function resolvePeriod(name: string, period: DriftPeriodInput, timeZone: string): { period: Period; shown: DriftPeriodShown } {
  // the calendar's as-of day only matters for "days ago", which a period never holds
  const calendar = storeCalendarOf(new Date(), timeZone);
  const resolve = (value: string | Date): { at: Date; shown: string } => {
    if (value instanceof Date) return { at: value, shown: value.toISOString() };
    const date = resolveDate(value, calendar);
    return { at: startOf(date, timeZone), shown: date.kind === 'day' ? date.day : date.at.toISOString() };
  };
  const from = resolve(period.from);
  const to = resolve(period.to);
  if (!(from.at.getTime() < to.at.getTime())) {
    throw new AppError(segmentErrorCodes.driftPeriodInvalid, `The ${name} period must start before it ends (from ${from.shown} to ${to.shown}).`, { field: name });
  }
  return { period: { from: from.at, to: to.at }, shown: { from: from.shown, to: to.shown } };
}

/**
 * Compares a target group between two periods: who was active in each (at
 * least one purchase in [from, to)) and what they were like and bought.
 * Demographics are today's values; purchases are those of each period.
 */
export async function compareGroupDrift(db: Db, request: { group: DriftGroup; before: DriftPeriodInput; after: DriftPeriodInput }): Promise<DriftReport> {
  const { timeZone } = await getStoreSettings(db);
  const earlier = resolvePeriod('before', request.before, timeZone);
  const later = resolvePeriod('after', request.after, timeZone);
  const group = await resolveGroup(db, request.group, later.period.to);
  const before = await loadPeriodFacts(db, group.customers, earlier.period);
  const after = await loadPeriodFacts(db, group.customers, later.period);
  return {
    group: group.label,
    before: { ...earlier.shown, customers: before.customers },
    after: { ...later.shown, customers: after.customers },
    attributes: attributesOf(before, after),
    personaShifts: await personaShifts(db, earlier.period, later.period),
  };
}

/** Which personas grew or shrank as a share of active customers between the periods. */
export async function personaShifts(db: Db, before: Period, after: Period, thresholds: { minPoints?: number; minRelative?: number } = {}): Promise<PersonaShift[] | null> {
  const model = await findCurrentModel(db);
  if (!model) return null;
  const personas = await listActivePersonas(db, model.model_id);
  const beforeCounts = new Map((await activeByPersona(db, before)).map((row) => [row.persona_id, row.customers]));
  const afterCounts = new Map((await activeByPersona(db, after)).map((row) => [row.persona_id, row.customers]));
  const rows = personas.map((persona) => ({ label: persona.name, before: beforeCounts.get(persona.persona_id) ?? 0, after: afterCounts.get(persona.persona_id) ?? 0 }));
  return flagShifts(rows, thresholds).map((shift, index) => ({ ...shift, personaId: personas[index].persona_id }));
}
