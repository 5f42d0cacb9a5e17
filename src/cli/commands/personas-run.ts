import { AppError, isAppError } from '../../core/errors.js';
import {
  afterRetirementAdvice, assignPersonasExplained, compareGroupDrift, segmentLossLines, discoverPersonas, discoveryShortfall, findCurrentModel, getPersona, listPersonas, pinPersona, readDiscoveryReadiness, renamePersona,
  type ExplainedAssignment, type DiscoveryReadiness, type DriftAttribute, type DriftGroup, type NumericDrift, type PersonaList, type PersonaProfile, type SpendSummary,
} from '../../personas/index.js';
import { storeNow } from '../../settings/index.js';
import type { Database } from '../../db/schema.js';
import type { Kysely } from 'kysely';
import type { CliRuntime } from '../runtime.js';
import { grouped, keyValues, money, table } from '../format.js';
import { readFilterOption } from './filter-option.js';
import { checkDayOrInstant } from './date-options.js';
import { clienteleCommand, withStoreInCommands } from '../store-command.js';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const shares = (entries: Array<{ label: string; share: number }> | null | undefined) => (entries ?? []).map((entry) => `${entry.label} ${percent(entry.share)}`).join(', ');

function profileLines(profile: PersonaProfile): Record<string, unknown> {
  return {
    size: `${profile.size} (${percent(profile.share)} of buyers, ${percent(profile.revenueShare)} of revenue)`,
    age: profile.age.median === null ? 'unknown' : `median ${profile.age.median}, mean ${profile.age.mean?.toFixed(1)} (known for ${percent(profile.age.knownShare)})`,
    income: shares(profile.incomes), cities: shares(profile.topCities), channels: shares(profile.channels), categories: shares(profile.categories),
    customer_types: profile.customerTypes === null ? `(run ${clienteleCommand('analyze')})` : shares(profile.customerTypes),
    orders: profile.averageOrders.toFixed(1), revenue: money(Math.round(profile.averageRevenueMinor)),
    traits: profile.traits.map((trait) => `${trait.word} (${trait.difference > 0 ? '+' : ''}${trait.difference.toFixed(2)} sd)`).join(', '),
  };
}

/** Buyers who have not agreed to profiling are in no persona: a count of buyers that left them out unsaid read as every buyer. */
function leftOutText(withoutConsent: number): string {
  if (withoutConsent === 0) return '';
  return `; ${withoutConsent.toLocaleString('en')} more buyer${withoutConsent === 1 ? ' was' : 's were'} left out: they have not agreed to profiling (consent_profiling no, or never asked)`;
}

export async function runPersonasDiscover(runtime: CliRuntime, options: { k?: number; sample: number; seed: number; retireSegmentPersonas?: boolean }): Promise<void> {
  const discovery = await runtime.withStore(({ db, clock }) => discoverPersonas(db, { clock, k: options.k, sampleSize: options.sample, seed: options.seed, retireSegmentPersonas: options.retireSegmentPersonas }), { bulk: true });
  // the advice with the list, as the API answers it, so a script reads both
  const result = { ...discovery, segmentsAdvice: discovery.segments.length === 0 ? null : withStoreInCommands(afterRetirementAdvice) };
  runtime.print(result, (r) => [
    `${r.k} personas (silhouette ${r.silhouette.toFixed(3)}) from a sample of ${r.sampleSize.toLocaleString('en')} of ${r.population.toLocaleString('en')} buyers who agreed to profiling in ${r.seconds.total.toFixed(1)} s${leftOutText(r.withoutConsent)}`,
    `silhouette by k: ${r.candidates.map((c: { k: number; silhouette: number }) => `${c.k}: ${c.silhouette.toFixed(3)}`).join(', ')}`, '',
    table(r.personas.map((p: Record<string, any>) => ({ id: p.personaId, name: p.name, pinned: p.isPinned ? 'yes' : '', customers: p.profile.size, share: percent(p.profile.share), revenue: percent(p.profile.revenueShare) }))),
    ...(r.segments.length === 0 ? [] : ['', 'Saved segments naming a persona this discovery retired:', ...segmentLossLines(r.segments).map((line) => `  ${line}`), r.segmentsAdvice]),
  ].join('\n'));
}

/** Before the first discovery: no personas, which is a state of the store (as GET /api/personas says), not a failure. */
type NoPersonas = { model: null; personas: []; reason: string; discovery: DiscoveryReadiness };

// where a marketer records a customer's consent from the command line
const recordingConsent = () => `Consent is recorded by importing customers with a consent_profiling column (\`${clienteleCommand('import customers <file>')}\`) or by \`${clienteleCommand('customers update <id> --consent-profiling yes')}\`.`;

/** What to do next: discover, or (when a discovery would be refused) why not and what would make it possible. */
function noPersonasReason(discovery: DiscoveryReadiness): string {
  const shortfall = discoveryShortfall(discovery);
  const shortfallText = shortfall === null ? null : withStoreInCommands(shortfall);
  // a store with no buyers at all needs orders: how consent is recorded would point the wrong way
  const hasNoBuyers = discovery.buyers === 0 && discovery.withoutConsent === 0;
  if (shortfallText !== null) return `No personas have been discovered yet, and \`${clienteleCommand('personas discover')}\` cannot run yet. ${shortfallText}${hasNoBuyers ? '' : ` ${recordingConsent()}`}`;
  const leftOut = discovery.withoutConsent > 0 ? ` (and ${discovery.withoutConsent.toLocaleString('en')} more who have not agreed to profiling)` : '';
  return `No personas have been discovered yet. Run \`${clienteleCommand('personas discover')}\` to find them: this store has enough buyers who agreed to profiling${leftOut}.`;
}

export async function runPersonasList(runtime: CliRuntime): Promise<void> {
  const result = await runtime.withStore(async ({ db }): Promise<PersonaList | NoPersonas> => {
    const model = await findCurrentModel(db);
    if (model) return listPersonas(db, model);
    const discovery = await readDiscoveryReadiness(db);
    return { model: null, personas: [], reason: noPersonasReason(discovery), discovery };
  });
  runtime.print(result, (r: PersonaList | NoPersonas) => ('reason' in r ? r.reason : table(r.personas.map((p) => ({
    id: p.personaId, name: p.name, pinned: p.isPinned ? 'yes' : '', customers: p.profile.size, share: percent(p.profile.share), revenue: percent(p.profile.revenueShare),
    age: p.profile.age.median, channels: shares(p.profile.channels.slice(0, 2)), categories: shares(p.profile.categories.slice(0, 2)),
  })))));
}

/**
 * Runs work on one persona by id; a PERSONA_NOT_FOUND on a store that never ran a discovery says
 * so and what to run, since "there is no persona #1" alone sends the reader looking for the wrong id.
 */
async function withPersona<T>(runtime: CliRuntime, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return runtime.withStore(async ({ db }) => {
    try {
      return await work(db);
    } catch (error) {
      if (!isAppError(error) || error.code !== 'PERSONA_NOT_FOUND' || (await findCurrentModel(db)) !== null) throw error;
      const shown = new AppError(error.code, `${error.message} No personas have been discovered yet: run \`${clienteleCommand('personas discover')}\` first.`, error.details);
      shown.stack = error.stack;
      throw shown;
    }
  });
}

export async function runPersonasShow(runtime: CliRuntime, personaId: number): Promise<void> {
  const persona = await withPersona(runtime, (db) => getPersona(db, personaId));
  runtime.print(persona, (p) => keyValues({ id: p.personaId, name: p.name, generated_name: p.generatedName, description: p.description, pinned: p.isPinned, retired: p.isRetired, ...profileLines(p.profile) }));
}

export async function runPersonasRename(runtime: CliRuntime, personaId: number, name: string, options: { description?: string }): Promise<void> {
  const persona = await withPersona(runtime, (db) => renamePersona(db, personaId, { name, description: options.description }));
  runtime.print(persona, (p) => `Persona #${p.personaId} is now "${p.name}".`);
}

export async function runPersonasPin(runtime: CliRuntime, personaId: number, options: { unpin?: boolean }): Promise<void> {
  const persona = await withPersona(runtime, (db) => pinPersona(db, personaId, !options.unpin));
  runtime.print(persona, (p) => `Persona #${p.personaId} "${p.name}" is ${p.isPinned ? 'pinned' : 'no longer pinned'}.`);
}

export async function runPersonasAssign(runtime: CliRuntime, ids: number[]): Promise<void> {
  const customerIds = ids.length > 0 ? ids : undefined;
  const result = await runtime.withStore(async ({ db, clock }) => assignPersonasExplained(db, customerIds, { asOf: await storeNow(db, clock) }), { bulk: true });
  runtime.print(result, (r: ExplainedAssignment) => [
    `${r.assigned} customer${r.assigned === 1 ? '' : 's'} assigned in ${r.seconds.toFixed(1)} s.`,
    ...(r.hasPersonas ? [] : [`No personas have been discovered yet: run \`${clienteleCommand('personas discover')}\` first.`]),
    ...(r.notAssigned ?? []).map((entry) => `Not assigned: ${entry.message}.`),
  ].join('\n'));
}

/** The size of a change, or why there is none to tell (docs/personas.md, "A row without a statistic"). */
function magnitudeText(attribute: DriftAttribute): string {
  switch (attribute.noStatisticReason) {
    case null: return attribute.magnitude ?? '';
    case 'tooFew': return 'too few customers to tell';
    case 'sameForAll': return 'no change: the same for every customer';
    case 'noSpread': return 'every customer alike within each period: no spread to size it';
    case 'oneValue': return attribute.kind === 'categorical' ? `no change: only ${attribute.series.find((point) => point.before > 0 || point.after > 0)?.label} in both periods` : 'no change';
  }
}

/**
 * A numeric row: its means, and for spend the money per buyer (mean, and median) rather than the
 * mean of ln(1 + spend) it is compared by, which no reader can read back (d stays that of the logs).
 */
function numericRow(a: NumericDrift): Record<string, string> {
  const effect = a.cohensD === null ? '' : `d = ${a.cohensD.toFixed(2)}`;
  if (a.spendPerBuyer) {
    const spend = ({ meanMinor, medianMinor }: SpendSummary) => (meanMinor === null ? '–' : `${money(Math.round(meanMinor))} (median ${money(Math.round(medianMinor ?? 0))})`);
    return { attribute: 'spend per buyer (mean)', before: spend(a.spendPerBuyer.before), after: spend(a.spendPerBuyer.after), effect: effect && `${effect} (of log spend)`, magnitude: magnitudeText(a) };
  }
  return { attribute: a.attribute, before: a.before.mean?.toFixed(2) ?? '–', after: a.after.mean?.toFixed(2) ?? '–', effect, magnitude: magnitudeText(a) };
}

/**
 * Whom the comparison covers (docs/personas.md, "Drift"): counts, shares and means of the group's
 * buyers, which profile no one; a persona's members are those who agreed to profiling.
 */
function aggregateNote(group: DriftGroup): string {
  return group.kind === 'persona'
    ? 'Totals and averages of the persona\'s members who bought in each period (all of whom agreed to profiling).'
    : 'Totals and averages of all the group\'s buyers in each period, with or without consent to profiling: no one is profiled or placed in a persona by it.';
}

export async function runPersonasDrift(runtime: CliRuntime, options: { before: string; after: string; persona?: number; segment?: string; filter?: string }): Promise<void> {
  const period = (option: string, text: string) => {
    const [from, to] = text.split('..');
    if (!from || !to) throw new AppError('CLI_ARGUMENT_INVALID', `${option}: "${text}" is not a period; use FROM..TO such as 2025-01-01..2026-01-01.`, { field: option });
    // days are the store's calendar days (compareGroupDrift reads them in its time zone)
    return { from: checkDayOrInstant(option, from), to: checkDayOrInstant(option, to) };
  };
  const group: DriftGroup = options.persona ? { kind: 'persona', personaId: options.persona }
    : options.segment ? { kind: 'segment', segment: /^\d+$/.test(options.segment) ? Number(options.segment) : options.segment }
      : options.filter ? { kind: 'filter', filter: readFilterOption(options.filter) } : { kind: 'all' };
  const before = period('--before', options.before);
  const after = period('--after', options.after);
  const report = await withPersona(runtime, (db) => compareGroupDrift(db, { group, before, after }));
  runtime.print(report, (r) => [
    `${r.group}: ${grouped(r.before.customers)} active before, ${grouped(r.after.customers)} after`,
    aggregateNote(group), '',
    table(r.attributes.map((a: DriftAttribute) => (a.kind === 'numeric'
      ? numericRow(a)
      : { attribute: a.attribute, before: shares(a.series.slice(0, 3).map((s) => ({ label: s.label, share: s.before }))), after: shares(a.series.slice(0, 3).map((s) => ({ label: s.label, share: s.after }))), effect: `V = ${a.cramersV?.toFixed(2) ?? '–'}, TVD = ${a.totalVariation.toFixed(2)}`, magnitude: magnitudeText(a) }))),
    ...(r.personaShifts ? ['', 'personas (share of active customers):', table(r.personaShifts.map((s: Record<string, any>) => ({ persona: s.label, before: percent(s.beforeShare), after: percent(s.afterShare), change: s.change })))] : []),
  ].join('\n'));
}
