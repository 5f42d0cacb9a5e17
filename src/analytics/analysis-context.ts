import type { Kysely, RawBuilder } from 'kysely';
import { isRealDay } from '../core/calendar-date.js';
import { calendarDayIn, systemClock, type Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import type { Database } from '../db/schema.js';
import { defaultLocaleFor, moneyFormatOf, type MoneyFormat } from './money-format.js';
import { defaultTypePolicy, mergePolicy, parseStoredTypePolicy, type TypePolicy } from './policy.js';
import type { VipCutoffs } from './customer-facts.js';
import { defaultAsOfDay, getStoreSettings } from '../settings/index.js';
import { findLatestAnalysisDay } from './types.repo.js';
import {
  analysisSettingsFrom, analysisSettingsItem, readAnalysisSettings, readStoreSettings, readTypePolicySetting, resolveAsOfDay, type AnalysisSettings, type AsOf, type AsOfProbe, type StoreSettings,
} from './settings.repo.js';

/** Everything an analysis needs to know about the store before it reads a single customer. */
export type AnalysisContext = {
  settings: StoreSettings;
  policy: TypePolicy;
  asOf: AsOf;
  money: MoneyFormat;
  prediction: { hasPrediction: boolean; datedBy: string | null };
  /** VIP cut-offs of the last full analysis (what the incremental path judges against). */
  latestCutoffs: VipCutoffs;
  /**
   * The policy that analysis recorded and found latestCutoffs by; `policy` before the first. The
   * incremental path judges by it, so a batch never pairs cut-offs with thresholds they were not
   * found by, and judges as the run judged everyone else. The type policy lock keeps it the policy
   * in force (settings.repo.ts, lockTypePolicy).
   */
  latestRunPolicy: TypePolicy;
};

/** The part of an analysis context that does not depend on the day: what the ingest path reads once per request. */
export type StoreAnalysisContext = Omit<AnalysisContext, 'asOf'>;

/** As-of input: a calendar day (YYYY-MM-DD, store time zone) or an instant whose store-time-zone day is used. */
export type AsOfInput = string | Date | undefined;

const dayPattern = /^\d{4}-\d{2}-\d{2}/;

/** What the input says before the store's time zone is known: a day, or an instant whose day is wanted. */
export function asOfProbeOf(input: AsOfInput, clock: Clock = systemClock): AsOfProbe {
  if (input === undefined) return { instant: clock.now() };
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new AppError('ANALYTICS_AS_OF_INVALID', 'The as-of time is not a valid date.', { field: 'asOf' });
    return { instant: input };
  }
  if (isRealDay(input)) return { day: input };
  const parsed = new Date(input);
  // Date rolls 2026-02-30 over to March 2 instead of refusing it
  const writtenDay = dayPattern.exec(input)?.[0];
  if (Number.isNaN(parsed.getTime()) || (writtenDay !== undefined && !isRealDay(writtenDay))) {
    throw new AppError('ANALYTICS_AS_OF_INVALID', `"${input}" is not a date; use YYYY-MM-DD.`, { field: 'asOf' });
  }
  return { instant: parsed };
}

/**
 * The one day every report stands on when none is asked for: the latest analysis's (the day the
 * types and RFM were classified on, a look back with `analyze --as-of` included), so the lifecycle
 * funnel, the cohorts, the key figures and the revenue trend beside them show the same day; before
 * the first analysis, today, or a data set's end (defaultAsOfDay).
 */
export async function findReportAsOfDay(db: Kysely<Database>, now: Date): Promise<string> {
  return (await findLatestAnalysisDay(db)) ?? defaultAsOfDay(await getStoreSettings(db), now);
}

/** The stored policy over the defaults, so a policy saved before a new threshold existed still loads. */
export async function loadTypePolicy(db: Kysely<Database>): Promise<TypePolicy> {
  return typePolicyOf(await readTypePolicySetting(db));
}

/** Parsed policies by their stored JSON: the ingest path reads the policy once per order batch, and it rarely changes. */
const policiesByJson = new Map<string, TypePolicy>();

function typePolicyOf(stored: unknown): TypePolicy {
  const json = JSON.stringify(stored ?? {});
  let policy = policiesByJson.get(json);
  if (!policy) {
    policy = parseStoredTypePolicy(mergePolicy(defaultTypePolicy, stored ?? {}));
    if (policiesByJson.size >= 16) policiesByJson.clear();
    policiesByJson.set(json, deepFreeze(policy));
  }
  return policy;
}

/** Shared between callers, so nobody may change it in place. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * One round trip whatever the store holds (a file import's later order batches
 * call this in their transaction): the as-of day's end is worked out with the
 * settings. The day
 * itself is the store-time-zone day by the runtime's zone rules, as always;
 * only if the database's rules put the instant on another day is the end of
 * that day asked for separately.
 */
export async function loadAnalysisContext(db: Kysely<Database>, asOfInput: AsOfInput, clock: Clock = systemClock): Promise<AnalysisContext> {
  const probe = asOfProbeOf(asOfInput, clock);
  const read = await readAnalysisSettings(db, { asOf: probe });
  const store = storeContextOf(read);
  const day = dayOf(probe, store);
  const asOf = read.asOf && read.asOf.day === day ? read.asOf : await resolveAsOfDay(db, day, store.settings.timezone);
  rememberDayEnd(store.settings.timezone, asOf);
  return { ...store, asOf };
}

/**
 * The store's analysis settings as one select-list item, for a caller that
 * reads from the store anyway before a batch (see keep-derived-current.ts):
 * the batch then needs no round trip of its own for them. Read the value with
 * storeAnalysisContextFrom.
 */
export function storeAnalysisContextItem(): RawBuilder<unknown> {
  return analysisSettingsItem();
}

export function storeAnalysisContextFrom(value: unknown): StoreAnalysisContext {
  return storeContextOf(analysisSettingsFrom(value));
}

/**
 * A store context read earlier, at an as-of time. The end of the day comes
 * from the database's zone rules, as loadAnalysisContext's does: asked once
 * per zone and day and remembered (a few dozen at most), so an ingest batch
 * asks only on the first batch of a day.
 */
export async function contextAt(db: Kysely<Database>, store: StoreAnalysisContext, asOfInput: AsOfInput, clock: Clock = systemClock): Promise<AnalysisContext> {
  const day = dayOf(asOfProbeOf(asOfInput, clock), store);
  const zone = store.settings.timezone;
  const asOf = dayEnds.get(`${zone} ${day}`) ?? await resolveAsOfDay(db, day, zone);
  rememberDayEnd(zone, asOf);
  return { ...store, asOf };
}

function storeContextOf(read: AnalysisSettings): StoreAnalysisContext {
  const { settings, storedPolicy, prediction, latestCutoffs, latestRunPolicy } = read;
  const policy = typePolicyOf(storedPolicy);
  return {
    settings, policy, money: moneyFormatOfStore(settings), prediction, latestCutoffs,
    latestRunPolicy: latestRunPolicy === null ? policy : typePolicyOf(latestRunPolicy),
  };
}

function moneyFormatOfStore(settings: StoreSettings): MoneyFormat {
  return moneyFormatOf(settings.currency, settings.locale ?? defaultLocaleFor(settings.currency));
}

/** How the store writes money: what a reader of stored types needs to make their sentences. */
export async function loadMoneyFormat(db: Kysely<Database>): Promise<MoneyFormat> {
  return moneyFormatOfStore(await readStoreSettings(db));
}

function dayOf(probe: AsOfProbe, store: StoreAnalysisContext): string {
  return 'day' in probe ? probe.day : calendarDayIn(probe.instant, store.settings.timezone);
}

/** The end of each day asked of the database, by zone and day. */
const dayEnds = new Map<string, AsOf>();

function rememberDayEnd(zone: string, asOf: AsOf): void {
  if (dayEnds.size >= 64) dayEnds.clear();
  dayEnds.set(`${zone} ${asOf.day}`, asOf);
}
