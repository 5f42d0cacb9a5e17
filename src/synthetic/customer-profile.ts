import type { CustomerKind } from '../db/schema.js';
import { categories } from './catalogue.js';
import { cities, type City } from './geography.js';
import { customerIdOf, emailTokenOf, loyaltyCardOf, webAccountOf } from './identifiers.js';
import { drawOrganisationName, drawPersonalEmail, drawPersonName, organisationEmail } from './names.js';
import { incomeBands, personas, type Persona } from './personas.js';
import { drawMobileNumber } from './phones.js';
import { drawBeta, drawGamma, isTrue, perturbWeights, pickIndex, randomInt, toCumulative, type Random } from './random.js';

/** Who a person is, and the latent habits their orders are drawn from. */
export type CustomerProfile = {
  index: number;
  customerId: string;
  persona: Persona;
  isLead: boolean;
  kind: CustomerKind;
  name: string;
  email: string | null;
  /** National digits, e.g. `081234567890`. */
  phone: string;
  birthYear: number | null;
  gender: 'female' | 'male' | null;
  city: City;
  incomeBand: string | null;
  consentEmail: boolean;
  consentSms: boolean;
  consentProfiling: boolean;
  loyaltyCard: string | null;
  webAccount: string | null;
  /** Purchases per day of average intensity, before the calibration multiplier. */
  rate: number;
  dropoutProbability: number;
  isPromotionDriven: boolean;
  /** Cumulative weights over `orderingChannels`, on weekdays and at weekends. */
  weekdayChannels: Float64Array;
  weekendChannels: Float64Array;
  /** Cumulative weights over `categories`. */
  categoryMix: Float64Array;
  hours: Float64Array;
  homeShop: string | null;
  /** Basket size multiplier (heterogeneous spend). */
  spendFactor: number;
  hasDuplicateRecord: boolean;
};

export type ProfileContext = {
  personaCumulative: Float64Array;
  tierCities: Map<Persona, { cities: City[]; cumulative: Float64Array }>;
  incomeMixes: Map<Persona, Float64Array>;
  hourMixes: Map<Persona, Float64Array>;
  emailTokenSpace: number;
  /** Year of the calendar's last day; ages are as of then. */
  endYear: number;
  leadsRatio: number;
};

export function buildProfileContext(emailTokenSpace: number, endYear: number, leadsRatio: number): ProfileContext {
  const tierCities = new Map<Persona, { cities: City[]; cumulative: Float64Array }>();
  for (const persona of personas) {
    const eligible = cities.filter((city) => persona.tierWeights[city.tier] > 0);
    tierCities.set(persona, {
      cities: eligible,
      cumulative: toCumulative(eligible.map((city) => city.weight * persona.tierWeights[city.tier])),
    });
  }
  return {
    personaCumulative: toCumulative(personas.map((persona) => persona.share)),
    tierCities,
    incomeMixes: new Map(personas.map((persona) => [persona, toCumulative(persona.incomeWeights)])),
    hourMixes: new Map(personas.map((persona) => [persona, toCumulative(persona.hours.map(([, weight]) => weight))])), emailTokenSpace, endYear, leadsRatio,
  };
}

/** Leads are spread evenly through the index range so any prefix has the same mix. */
export function isLeadIndex(index: number, leadsRatio: number): boolean {
  return Math.floor((index + 1) * leadsRatio) > Math.floor(index * leadsRatio);
}

const [storeChannel, webChannel, mobileChannel] = [0, 1, 2];
// a shop visit is a weekend outing for most people
const weekendStoreBoost = 1.8;

export type LatentHabits = { persona: Persona; rate: number; dropoutProbability: number };

/**
 * The first draws of every profile stream: calibration replays only these,
 * which is why they come before names and identities.
 */
export function drawLatentHabits(random: Random, context: ProfileContext): LatentHabits {
  const persona = personas[pickIndex(random, context.personaCumulative)];
  const monthlyRate = drawGamma(random, persona.rateShape, persona.monthlyRateMean / persona.rateShape);
  const dropoutProbability = drawBeta(random, persona.dropoutBeta[0], persona.dropoutBeta[1]);
  return { persona, rate: monthlyRate / 30.4375, dropoutProbability };
}

export function drawCustomerProfile(random: Random, index: number, context: ProfileContext): CustomerProfile {
  const { persona, rate, dropoutProbability } = drawLatentHabits(random, context);
  const isLead = isLeadIndex(index, context.leadsRatio);
  const home = context.tierCities.get(persona)!;
  const city = home.cities[pickIndex(random, home.cumulative)];
  const isOrganisation = persona.kind === 'organization';
  const emailToken = emailTokenOf(index, context.emailTokenSpace);

  let name: string;
  let email: string | null;
  let gender: 'female' | 'male' | null = null;
  let birthYear: number | null = null;
  let incomeBand: string | null = null;
  if (isOrganisation) {
    name = drawOrganisationName(random, index + 1);
    email = organisationEmail(name, emailToken);
  } else {
    const drawnGender = isTrue(random, persona.femaleShare) ? 'female' : 'male';
    const personName = drawPersonName(random, drawnGender);
    name = personName.full;
    email = isTrue(random, 0.88) ? drawPersonalEmail(random, personName, emailToken) : null;
    gender = isTrue(random, 0.95) ? drawnGender : null;
    birthYear = isTrue(random, 0.9) ? context.endYear - randomInt(random, persona.ageRange[0], persona.ageRange[1]) : null;
    incomeBand = isTrue(random, 0.8) ? incomeBands[pickIndex(random, context.incomeMixes.get(persona)!)] : null;
  }
  const phone = drawMobileNumber(random, index);

  const channelWeights = perturbWeights(random, persona.channelWeights, 6);
  if (city.shops.length === 0) channelWeights[storeChannel] = 0;
  if (!email) channelWeights[webChannel] = 0;
  if (!channelWeights.some((weight) => weight > 0)) channelWeights[mobileChannel] = 1;
  const weekendWeights = channelWeights.map((weight, channel) => (channel === storeChannel ? weight * weekendStoreBoost : weight));
  const categoryMix = perturbWeights(random, categories.map((category) => persona.categoryWeights[category] ?? 0), 8);
  const total = channelWeights.reduce((sum, weight) => sum + weight, 0);
  const storeShare = channelWeights[storeChannel] / total;
  const onlineShare = (channelWeights[webChannel] + channelWeights[mobileChannel]) / total;

  const isPromotionDriven = isTrue(random, persona.promotionDrivenShare);
  const spendFactor = Math.exp(0.35 * (random() + random() + random() - 1.5));
  const homeShop = city.shops.length > 0 ? city.shops[Math.floor(random() * city.shops.length)] : null;

  return {
    index, customerId: customerIdOf(index), persona, isLead,
    kind: persona.kind, name, email, phone, birthYear, gender, city, incomeBand,
    consentEmail: email !== null && isTrue(random, isPromotionDriven ? 0.9 : 0.55),
    consentSms: isTrue(random, isPromotionDriven ? 0.7 : 0.35),
    consentProfiling: isTrue(random, 0.5),
    loyaltyCard: storeShare > 0.05 && isTrue(random, 0.85) ? loyaltyCardOf(index) : null,
    webAccount: (onlineShare > 0.05 || isLead) && isTrue(random, 0.8) ? webAccountOf(index) : null,
    rate,
    dropoutProbability,
    isPromotionDriven,
    weekdayChannels: toCumulative(channelWeights),
    weekendChannels: toCumulative(weekendWeights),
    categoryMix: toCumulative(categoryMix),
    hours: context.hourMixes.get(persona)!,
    homeShop,
    spendFactor,
    hasDuplicateRecord: !isLead && email !== null && storeShare > 0.2 && onlineShare > 0.1 && isTrue(random, 0.06),
  };
}
