import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { getSegment, matchingCustomers, prepareFilter, segmentErrorCodes } from '../segments/index.js';
import { cohensD, compareCategorical, flagShifts, magnitudeOfD, type CategoricalShift, type GroupShift, type Magnitude, type NumericSummary } from './drift.js';
import { activeByPersona, loadPeriodFacts, type Counts, type Period, type PeriodFacts } from './drift.repo.js';
import { personaMemberIds } from './persona-members.repo.js';
import { findCurrentModel, listActivePersonas } from './personas.repo.js';
import { getPersona } from './personas.service.js';

type Db = Kysely<Database>;

export type DriftGroup = { kind: 'all' } | { kind: 'segment'; segment: number | string } | { kind: 'persona'; personaId: number } | { kind: 'filter'; filter: unknown };
export type NumericDrift = { attribute: string; kind: 'numeric'; unit: 'customers'; before: NumericSummary; after: NumericSummary; cohensD: number | null; magnitude: Magnitude };
export type CategoricalDrift = CategoricalShift & { attribute: string; kind: 'categorical'; unit: 'customers' | 'orders' | 'amount' };
export type DriftAttribute = NumericDrift | CategoricalDrift;
export type PersonaShift = GroupShift & { personaId: number };
export type DriftReport = {
  group: string;
  before: Period & { customers: number };
  after: Period & { customers: number };
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
  return { attribute, kind: 'numeric', unit: 'customers', before, after, cohensD: d, magnitude: magnitudeOfD(d) };
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
    numeric('spend (log)', before.logSpend, after.logSpend),
    numeric('orders per customer', before.orders, after.orders),
    categorical('age band', 'customers', before.ageBand, after.ageBand),
    categorical('income band', 'customers', before.incomeBand, after.incomeBand),
    categorical('city', 'customers', before.city, after.city, 10),
    categorical('kind', 'customers', before.kind, after.kind),
    categorical('channel', 'orders', before.channelOrders, after.channelOrders),
    { attribute: 'category', kind: 'categorical', unit: 'amount', ...compareCategorical(amountBefore, amountAfter, { before: linesBefore, after: linesAfter }) },
  ];
}

function checkPeriod(name: string, period: Period): void {
  if (!(period.from.getTime() < period.to.getTime())) {
    throw new AppError(segmentErrorCodes.driftPeriodInvalid, `The ${name} period must start before it ends (from ${period.from.toISOString()} to ${period.to.toISOString()}).`, { field: name });
  }
}

/**
 * Compares a target group between two periods: who was active in each (at
 * least one purchase in [from, to)) and what they were like and bought.
 * Demographics are today's values; purchases are those of each period.
 */
export async function compareGroupDrift(db: Db, request: { group: DriftGroup; before: Period; after: Period }): Promise<DriftReport> {
  checkPeriod('before', request.before);
  checkPeriod('after', request.after);
  const group = await resolveGroup(db, request.group, request.after.to);
  const before = await loadPeriodFacts(db, group.customers, request.before);
  const after = await loadPeriodFacts(db, group.customers, request.after);
  return {
    group: group.label,
    before: { ...request.before, customers: before.customers },
    after: { ...request.after, customers: after.customers },
    attributes: attributesOf(before, after),
    personaShifts: await personaShifts(db, request.before, request.after),
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
