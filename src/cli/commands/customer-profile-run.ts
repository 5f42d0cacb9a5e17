import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { getCustomer, lookupCustomer } from '../../customers/customers.queries.js';
import { customerTimeline, type TimelineEntry } from '../../customers/timeline.js';
import { customerTypeTimeline } from '../../analytics/index.js';
import { storeHasPrices } from '../../analytics/order-prices.repo.js';
import { calendarDayIn, dayClosedBy } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import type { CliRuntime } from '../runtime.js';
import type { CustomerOrContact } from './customers.js';
import { keyValues, localTime, table } from '../format.js';
import { clienteleCommand } from '../store-command.js';
import { noPricesNote, priced } from './unpriced-money.js';
import { discountText } from './models-run.js';

/** A date column (a calendar day read as UTC midnight): the day itself, not that instant in the store's zone, a day early west of UTC. */
function calendarDay(value: unknown): string {
  if (value === null || value === undefined) return '';
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

// BG/NBD cannot tell whether a customer without a repeat purchase has left (docs/models.md)
const notEstimated = 'not estimated (one purchase only)';

/**
 * A type spell is listed when it began; one that has ended says until when:
 * the as-of day of the analysis that found the type gone (it ends at that
 * day's close, the next midnight in the store's time zone). One held when the
 * type history began was not taken then: it is held since then.
 */
function timelineTitle(entry: TimelineEntry, timeZone: string): string {
  if (entry.kind === 'merge') return `${entry.title} (merge #${String(entry.detail.mergeId)})`;
  const leftAt = entry.kind === 'type_change' ? entry.detail.leftAt : null;
  if (typeof leftAt !== 'string') return entry.title;
  const until = dayClosedBy(leftAt, timeZone);
  const type = String(entry.detail.type);
  return entry.detail.sinceHistoryStart === true ? `${type} since the type history began, until ${until}` : `was ${type} until ${until}`;
}

/**
 * When an entry happened, as listed. A type change and a prediction are dated the end of
 * their store day (the next midnight) or, while it lasts, the run that recorded them: shown as
 * that instant, the end read as the next day at 00:00; shown as the day it closes, they read
 * the day the web shows.
 */
function timelineTime(entry: TimelineEntry, timeZone: string): Date | string {
  return entry.kind === 'type_change' || entry.kind === 'prediction' ? dayClosedBy(entry.at, timeZone) : entry.at;
}

export async function runCustomersShow(runtime: CliRuntime, customer: CustomerOrContact): Promise<void> {
  const { result, timeZone } = await runtime.withStore(async ({ db, runtime: { settings } }) => {
    const customerId = typeof customer === 'number' ? customer : await lookupCustomer(db, customer);
    const found = await getCustomer(db, customerId);
    return {
      result: {
        ...found,
        prediction: found.prediction ? { ...found.prediction, ...(await predictionBasis(db, found.prediction)) } : null,
        // why there is no prediction: the command to run is not the answer for a lead, or for one who first bought after the as-of day
        ...(found.prediction ? {} : { prediction_missing: await predictionMissingReason(db, customerId) }),
        types: await currentTypesOf(db, customerId),
        timeline: (await customerTimeline(db, customerId, { limit: 10, canReadStaffEmails: true })).items,
        // false when no order carries an amount: the revenue, M score and spend forecasts are then not 0 but unknown
        hasPrices: await storeHasPrices(db),
      },
      timeZone: settings.timeZone,
    };
  });
  runtime.print(result, (r) => {
    const traits = r.traits;
    const prediction = r.prediction;
    const amount = priced(r.hasPrices);
    return [
      keyValues(profileFields(r.customer)),
      ...attributesText(r.customer.attributes),
      '', 'identities:', table(r.identities.map((i: Record<string, unknown>) => ({ kind: i.kind, namespace: i.namespace, value: i.value }))),
      ...consentProofText(r.customer, r.consents),
      '', 'facts:', traits ? keyValues({
        orders: traits.order_count, purchase_days: traits.purchase_days, revenue: amount(traits.revenue_minor), refunded: amount(traits.refunded_minor),
        first_purchase: traits.first_purchase_at, last_purchase: traits.last_purchase_at, first_interest: traits.first_interest_at,
      }) : '(none)',
      ...(traits && !r.hasPrices ? [noPricesNote] : []),
      '', 'type:', r.types ? `${r.types.types.join(' + ')} — ${r.types.explanation}` : `(not analysed yet: ${clienteleCommand('analyze')})`,
      '', 'RFM:', rfmText(r.rfm, r.hasPrices), ...(r.rfm ? [rfmRecencyText(r.rfm, timeZone)] : []),
      '', 'persona:', personaText(r.persona, r.customer.consent_profiling),
      '', 'prediction:', prediction ? keyValues({
        // the day its P(alive) describes: the type above judges by P(alive) as of the analysis's own day
        as_of: calendarDay(prediction.as_of), model: modelText(prediction.model, prediction.spend_model_fit_id),
        p_alive: prediction.p_alive === null ? notEstimated : Number(prediction.p_alive).toFixed(2), churn_risk: prediction.churn_risk ?? notEstimated, expected_purchases_90d: Number(prediction.expected_purchases_90d).toFixed(2),
        expected_spend_per_order: spendText(prediction, r.hasPrices), [clvKey(prediction.clv_horizon_days)]: valueText(prediction, prediction.clv_minor, r.hasPrices),
        ...clvDiscountField(prediction, r.hasPrices),
        next_purchase: prediction.p_alive === null ? notEstimated : prediction.next_purchase_day === null ? 'none expected' : calendarDay(prediction.next_purchase_day),
      }) : `(${predictionMissingText(r.prediction_missing)})`,
      ...(prediction ? [predictionRecencyText(prediction, timeZone)] : []),
      '', 'recent timeline:', table(r.timeline.map((t: TimelineEntry) => ({ at: timelineTime(t, timeZone), kind: t.kind, title: timelineTitle(t, timeZone) }))),
    ].join('\n');
  });
}

type Profile = Awaited<ReturnType<typeof getCustomer>>['customer'];

const hasValue = (value: unknown) => value !== null && value !== undefined && value !== '';

/**
 * The profile as --json has it: who the customer is and how to reach them always (an empty email
 * says there is none), the other fields when they hold a value, so a store that imports birth
 * years or income bands shows them and one that does not prints no empty lines.
 */
function profileFields(customer: Profile): Record<string, unknown> {
  const optional = Object.entries({
    birth_year: customer.birth_year, gender: customer.gender, city: customer.city, region: customer.region, country: customer.country, income_band: customer.income_band,
  }).filter(([, value]) => hasValue(value));
  return {
    id: customer.customer_id, name: customer.name, kind: customer.kind, email: customer.email, phone: customer.phone,
    ...Object.fromEntries(optional), stub: customer.is_stub, consent: consentText(customer), created: customer.created_at,
  };
}

/** The data set's own fields (education, kids at home…), under a heading of their own: one may share a name with a profile field. */
function attributesText(attributes: Profile['attributes'] | null): string[] {
  const entries = Object.entries(attributes ?? {}).filter(([, value]) => hasValue(value))
    .map(([key, value]) => [key, typeof value === 'object' ? JSON.stringify(value) : value] as const);
  return entries.length === 0 ? [] : ['', 'attributes:', keyValues(Object.fromEntries(entries))];
}

type RfmScore = NonNullable<Awaited<ReturnType<typeof getCustomer>>['rfm']>;
type Prediction = NonNullable<Awaited<ReturnType<typeof getCustomer>>['prediction']>;

/** Without prices every M score is 1 (all spent 0): shown, it would read as the lowest spender. */
function rfmText(rfm: RfmScore | null, hasPrices: boolean): string {
  if (!rfm) return '(not scored: a lead, or not analysed since the first purchase)';
  return hasPrices ? `${rfm.segment} (R${rfm.r_score} F${rfm.f_score} M${rfm.m_score})` : `${rfm.segment} (R${rfm.r_score} F${rfm.f_score}; M not scored: the orders carry no prices)`;
}

/** When the score was made and, since neither RFM nor predictions follow each order, the orders it has not seen. */
function rfmRecencyText(rfm: RfmScore, timeZone: string): string {
  const made = `as of the analysis on ${calendarDayIn(new Date(rfm.analysed_at), timeZone)} (scored as of ${rfm.as_of})`;
  return `${made}${ordersSinceText(rfm.orders_recorded_since, 'analyze', 'the RFM score')}`;
}

type PredictionBasis = { model: string | null; purchase_days: number };
type StoredPrediction = Prediction & PredictionBasis;

/** What the prediction was made with and from: its purchase model, and the customer's purchase days up to its as-of day (1: a one-time buyer). */
async function predictionBasis(db: Kysely<Database>, prediction: Prediction): Promise<PredictionBasis> {
  const fit = await db.selectFrom('model_fit').select('model').where('model_fit_id', '=', prediction.model_fit_id).executeTakeFirst();
  const days = await db.selectFrom('customer_purchase_day').select((eb) => eb.fn.countAll<number>().as('days'))
    .where('customer_id', '=', prediction.customer_id).where('day', '<=', sql<Date>`${prediction.as_of}::date`).executeTakeFirstOrThrow();
  return { model: fit?.model ?? null, purchase_days: Number(days.days) };
}

type PredictionMissing = { reason: 'no_purchase' } | { reason: 'first_purchase_after_as_of'; as_of: string; first_purchase_day: string } | { reason: 'not_predicted_yet' };

/** Why a customer has no prediction: no purchase (a lead), a first purchase after the stored predictions' as-of day, or no run since. */
async function predictionMissingReason(db: Kysely<Database>, customerId: number): Promise<PredictionMissing> {
  const first = await db.selectFrom('customer_purchase_day').select((eb) => eb.fn.min('day').as('day')).where('customer_id', '=', customerId).executeTakeFirst();
  if (!first?.day) return { reason: 'no_purchase' };
  // every stored prediction shares the as-of day of the run that made them (each run replaces all)
  const run = await db.selectFrom('customer_prediction').select('as_of').limit(1).executeTakeFirst();
  const firstDay = calendarDay(first.day);
  if (run && calendarDay(run.as_of) < firstDay) return { reason: 'first_purchase_after_as_of', as_of: calendarDay(run.as_of), first_purchase_day: firstDay };
  return { reason: 'not_predicted_yet' };
}

function predictionMissingText(missing: PredictionMissing): string {
  if (missing.reason === 'no_purchase') return 'none: no purchase yet, nothing to predict from';
  if (missing.reason === 'first_purchase_after_as_of') {
    return `none: the predictions are as of ${missing.as_of}, before this customer's first purchase on ${missing.first_purchase_day}; `
      + `a run as of that day or later includes them: ${clienteleCommand('models predict')}`;
  }
  return `none yet: ${clienteleCommand('models predict')}`;
}

const purchaseModelLabels: Record<string, string> = { bgnbd: 'BG/NBD', paretonbd: 'Pareto/NBD' };

/** The purchase model, and the spend model when the run had one (without it there is no spend or value). */
function modelText(model: string | null, spendModelFitId: number | null): string {
  const purchases = model === null ? 'unknown' : purchaseModelLabels[model] ?? model;
  return spendModelFitId === null ? `${purchases} (no spend model in that run)` : `${purchases} + Gamma-Gamma spend`;
}

/** The value's key names the span it covers, beside the 90 days above it; predictions stored before the span was kept say none. */
function clvKey(horizonDays: number | null): string {
  return horizonDays === null ? 'clv' : `clv_next_${horizonDays}_days`;
}

/**
 * How the value weighs later purchases, beside it, as the run's summary says it (models predict); nothing for predictions stored
 * before the rate was kept, or when there is no value to weigh.
 */
function clvDiscountField(prediction: StoredPrediction, hasPrices: boolean): Record<string, string> {
  if (!hasPrices || prediction.clv_minor === null || prediction.clv_discount_rate === null) return {};
  return { clv_discount: discountText({ discountRate: Number(prediction.clv_discount_rate), periodDays: Number(prediction.clv_period_days ?? 30) }) };
}

/**
 * A spend or value the run did not predict says why, as stored with the prediction: a customer whose every purchase was free,
 * whom the spend model cannot describe (docs/models.md), or a run with no usable spend model. Predictions stored before the
 * reason was kept are told apart by the spend model's fit alone.
 */
function valueText(prediction: StoredPrediction, minor: number | string | null, hasPrices: boolean): string {
  if (!hasPrices) return priced(false)(minor);
  if (minor !== null) return priced(true)(minor);
  const reason = prediction.spend_not_estimated ?? (prediction.spend_model_fit_id === null ? 'no_spend_model' : 'free_purchases_only');
  if (reason === 'free_purchases_only') return 'not predicted (free purchases only)';
  return prediction.spend_model_fit_id === null ? 'not predicted (no spend model in that run)' : 'not predicted (no usable spend model in that run)';
}

/** A one-time buyer's spend is the store's average (the spend model learns a customer's own from repeat purchases), said as the web says it. */
function spendText(prediction: StoredPrediction, hasPrices: boolean): string {
  const text = valueText(prediction, prediction.expected_spend_minor, hasPrices);
  return hasPrices && prediction.expected_spend_minor !== null && prediction.purchase_days === 1 ? `${text} (store average)` : text;
}

function predictionRecencyText(prediction: Prediction, timeZone: string): string {
  const made = `as of the prediction run on ${calendarDayIn(new Date(prediction.predicted_at), timeZone)}`;
  return `${made}${ordersSinceText(prediction.orders_recorded_since, 'models predict', 'the prediction')}`;
}

function ordersSinceText(count: number, command: string, what: string): string {
  if (count === 0) return '';
  const orders = count === 1 ? '1 order recorded, changed or merged in since' : `${count} orders recorded, changed or merged in since`;
  return `; ${orders}, not in ${what} — run \`${clienteleCommand(command)}\` to include ${count === 1 ? 'it' : 'them'}`;
}

/** The customer's persona now, or why they have none. */
function personaText(persona: { persona_id: number; name: string } | null, consentProfiling: boolean | null): string {
  if (persona) return `${persona.name} (#${persona.persona_id})`;
  if (consentProfiling !== true) return '(none: the customer has not agreed to profiling)';
  return `(none: not a buyer, or not placed yet — ${clienteleCommand('personas discover')}, or ${clienteleCommand('personas assign')})`;
}

/** The customer's current types with the reason a person reads; null before their first analysis. */
async function currentTypesOf(db: Kysely<Database>, customerId: number): Promise<{ types: string[]; primaryType: string; explanation: string } | null> {
  try {
    const { current } = await customerTypeTimeline(db, customerId);
    return current ? { types: current.types, primaryType: current.primaryType, explanation: current.explanation } : null;
  } catch (error) {
    if (error instanceof AppError && error.code === 'ANALYTICS_CUSTOMER_NOT_FOUND') return null;
    throw error;
  }
}

/** What the customer agreed to be contacted or profiled by: yes, no, or not known (never asked or not imported). */
/**
 * Proof of consent: since when each consent holds its value and through what (customer_consent_change), after the
 * identities; nothing for a customer none of whose consents changed since changes were recorded.
 */
function consentProofText(customer: Profile, consents: Awaited<ReturnType<typeof getCustomer>>['consents']): string[] {
  if (Object.values(consents).every((proof) => proof.since === null)) return [];
  const said = (value: boolean | null) => (value === null ? 'unknown' : value ? 'yes' : 'no');
  const lines = (['email', 'sms', 'whatsapp', 'profiling'] as const).map((kind) => {
    const proof = consents[kind];
    const value = said(customer[`consent_${kind}`]);
    if (proof.since === null) return [kind, `${value} (no change recorded)`] as const;
    const run = proof.import_run_id === null ? '' : ` #${proof.import_run_id}`;
    return [kind, `${value} since ${localTime(proof.since)} (${proof.source}${run})`] as const;
  });
  return ['', 'consent since:', keyValues(Object.fromEntries(lines))];
}

function consentText(customer: { consent_email: boolean | null; consent_sms: boolean | null; consent_whatsapp: boolean | null; consent_profiling: boolean | null }): string {
  const said = (value: boolean | null) => (value === null ? 'unknown' : value ? 'yes' : 'no');
  return `email ${said(customer.consent_email)}, SMS ${said(customer.consent_sms)}, WhatsApp ${said(customer.consent_whatsapp)}, profiling ${said(customer.consent_profiling)}`;
}
