import { buildCalendar, formatLocalTime, type Calendar } from './calendar.js';
import { detailStream, findRateMultiplier, profileStream, timelineStream } from './calibrate.js';
import { products } from './catalogue.js';
import { buildProfileContext, drawCustomerProfile, type CustomerProfile, type ProfileContext } from './customer-profile.js';
import { countryCode } from './geography.js';
import { duplicateCustomerIdOf, orderIdOf, tokenSpaceFor } from './identifiers.js';
import { planInterestEvents, toEventRow, type PlannedEvent } from './interest-events.js';
import { drawPersonalEmail, drawPersonName, writeEmailAsTyped } from './names.js';
import { buildOrder, buildOrderContext, drawOrderSecond, type OrderContext } from './order.js';
import type { Persona } from './personas.js';
import { formatPhone, writePhoneAsTyped } from './phones.js';
import { createRandom, isTrue, randomInt, type Random } from './random.js';
import type { CustomerRow, PersonRecords, ProductRow, TruthRow } from './rows.js';
import { buildAcquisition, buildIntensities, drawDay, drawTimeline, type Intensity } from './timeline.js';

export type StoreOptions = {
  seed: number;
  /** People in customers.csv: buyers and leads (duplicate records come on top, about 1%). */
  customers: number;
  /** Nothing is generated on or after the Jakarta calendar day of this instant. */
  endDate: Date;
  /** Length of the history; 3 when omitted. */
  years?: number;
  /** Orders to aim for (hit within about 1–2% at scale, exactly when customers ≤ calibrationSample). */
  targetOrders?: number;
  /** Alternative to targetOrders: orders per customers.csv person. */
  ordersPerCustomer?: number;
  /** Share of people who never buy and only leave interest events; 0.2 when omitted. */
  leadsRatio?: number;
  /** People replayed to calibrate the order count; 40 000 when omitted. */
  calibrationSample?: number;
  /** A multiplier calibrated earlier (worker threads reuse the parent's); skips calibration. */
  rateMultiplier?: number;
};

/** Everything derived once per store, shared by every person. */
export type StorePlan = {
  seed: number;
  people: number;
  calendar: Calendar;
  profileContext: ProfileContext;
  intensities: Map<Persona, Intensity>;
  acquisition: Float64Array;
  orderContext: OrderContext;
  /** Calibrated multiplier on every buyer's purchase rate. */
  rateMultiplier: number;
};

export function planStore(options: StoreOptions): StorePlan {
  const { seed, customers: people } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be a safe integer');
  if (!Number.isInteger(people) || people < 0) throw new RangeError('customers must be a non-negative integer');
  const leadsRatio = options.leadsRatio ?? 0.2;
  if (!(leadsRatio >= 0 && leadsRatio <= 1)) throw new RangeError('leadsRatio must be between 0 and 1');
  const calendar = buildCalendar(options.endDate, options.years ?? 3);
  const endYear = Number(calendar.dayStrings[calendar.dayCount - 1].slice(0, 4));
  const tokenSpace = tokenSpaceFor(people);
  const profileContext = buildProfileContext(tokenSpace, endYear, leadsRatio);
  const intensities = buildIntensities(calendar);
  const acquisition = buildAcquisition(calendar);
  const recipientEmailFor = (random: Random, buyerIndex: number): string => {
    if (buyerIndex > 0 && isTrue(random, 0.5)) {
      const index = Math.floor(random() * buyerIndex);
      const friend = drawCustomerProfile(createRandom(seed, index, profileStream), index, profileContext);
      if (friend.email) return friend.email;
    }
    // tokens at or above the space can never equal a customer's
    const name = drawPersonName(random, isTrue(random, 0.5) ? 'female' : 'male');
    return drawPersonalEmail(random, name, tokenSpace + Math.floor(random() * tokenSpace));
  };
  const targetOrders = options.targetOrders ?? (options.ordersPerCustomer === undefined ? undefined : Math.round(options.ordersPerCustomer * people));
  const rateMultiplier = options.rateMultiplier ?? (targetOrders === undefined ? 1 : findRateMultiplier({
    seed, people, targetOrders, context: profileContext, intensities, acquisition, sampleLimit: options.calibrationSample,
  }));
  return { seed, people, calendar, profileContext, intensities, acquisition, orderContext: buildOrderContext(calendar, recipientEmailFor), rateMultiplier };
}

export function listProducts(): ProductRow[] {
  return products.map(({ sku, name, category, unitPrice }) => ({ sku, name, category, unitPrice }));
}

function toCustomerRow(profile: CustomerProfile, createdAt: string): CustomerRow {
  return {
    customerId: profile.customerId, name: profile.name, email: profile.email, phone: formatPhone(profile.phone, 'dashed'),
    birthYear: profile.birthYear, gender: profile.gender, city: profile.city.name, region: profile.city.region,
    country: countryCode, incomeBand: profile.incomeBand, kind: profile.kind,
    consentEmail: profile.consentEmail, consentSms: profile.consentSms, consentProfiling: profile.consentProfiling,
    createdAt, loyaltyCard: profile.loyaltyCard, webAccount: profile.webAccount,
  };
}

/** The same person signing up on the web later: same email and phone, typed differently, no card. */
function toDuplicateRow(random: Random, profile: CustomerProfile, createdAt: string): CustomerRow {
  return {
    ...toCustomerRow(profile, createdAt),
    customerId: duplicateCustomerIdOf(profile.index),
    name: isTrue(random, 0.5) ? profile.name.toUpperCase() : profile.name.split(' ')[0],
    email: writeEmailAsTyped(random, profile.email!),
    phone: writePhoneAsTyped(random, profile.phone),
    birthYear: null, incomeBand: null, loyaltyCard: null, webAccount: null,
    consentProfiling: false,
  };
}

function truthOf(profile: CustomerProfile, plan: StorePlan, dropoutDay: string | null): TruthRow {
  return {
    customerId: profile.customerId, persona: profile.persona.name,
    rate: profile.isLead ? 0 : profile.rate * plan.rateMultiplier,
    dropoutProbability: profile.isLead ? 0 : profile.dropoutProbability,
    dropoutDay, isLead: profile.isLead, sameAs: null,
  };
}

function chancePriorInterest(profile: CustomerProfile): number {
  if (profile.kind === 'organization') return 0.7;
  return profile.webAccount ? 0.6 : 0.15;
}

/** Everything person `index` contributes; depends only on the plan and the index. */
export function generatePerson(plan: StorePlan, index: number): PersonRecords {
  const { seed, calendar } = plan;
  const profile = drawCustomerProfile(createRandom(seed, index, profileStream), index, plan.profileContext);
  const random = createRandom(seed, index, detailStream);
  const endSecond = calendar.dayCount * 86_400;
  const records: PersonRecords = { customers: [], orders: [], lines: [], events: [], truth: [] };
  const addEvents = (planned: PlannedEvent[]): void => {
    planned.forEach((event, position) =>
      records.events.push(toEventRow(random, profile, event, position + 1, formatLocalTime(calendar, event.second))));
  };

  if (profile.isLead) {
    const fromSecond = drawDay(random, plan.acquisition) * 86_400 + randomInt(random, 8 * 3600, 22 * 3600);
    const planned = planInterestEvents(random, profile, randomInt(random, 1, 4), { fromSecond, endSecond });
    addEvents(planned);
    records.customers.push(toCustomerRow(profile, formatLocalTime(calendar, planned[0].second)));
    records.truth.push(truthOf(profile, plan, null));
    return records;
  }

  const timeline = drawTimeline(createRandom(seed, index, timelineStream), profile, plan.intensities.get(profile.persona)!, plan.acquisition, plan.rateMultiplier);
  const seconds = timeline.purchaseDays.map((day) => drawOrderSecond(random, profile, day)).sort((a, b) => a - b);
  seconds.forEach((second, position) => {
    const built = buildOrder(random, profile, plan.orderContext, orderIdOf(index, position + 1), second, formatLocalTime(calendar, second));
    records.orders.push(built.order);
    for (const line of built.lines) records.lines.push(line);
  });
  const planned = isTrue(random, chancePriorInterest(profile))
    ? planInterestEvents(random, profile, randomInt(random, 1, 4), { beforeSecond: seconds[0] })
    : [];
  addEvents(planned);
  const createdSecond = planned.length > 0 ? Math.min(planned[0].second, seconds[0]) : seconds[0];
  records.customers.push(toCustomerRow(profile, formatLocalTime(calendar, createdSecond)));
  const dropoutDay = timeline.dropoutDay === null ? null : calendar.dayStrings[timeline.dropoutDay];
  records.truth.push(truthOf(profile, plan, dropoutDay));
  if (profile.hasDuplicateRecord) {
    const later = seconds[Math.floor(random() * seconds.length)];
    records.customers.push(toDuplicateRow(random, profile, formatLocalTime(calendar, later)));
    records.truth.push({ ...truthOf(profile, plan, dropoutDay), customerId: duplicateCustomerIdOf(index), sameAs: profile.customerId });
  }
  return records;
}

export function* generatePeople(plan: StorePlan, fromIndex = 0, toIndex = plan.people): Generator<PersonRecords> {
  for (let index = fromIndex; index < toIndex; index++) yield generatePerson(plan, index);
}
