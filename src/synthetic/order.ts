import type { OrderStatus } from '../db/schema.js';
import { isWeekend, type Calendar, type Season } from './calendar.js';
import { categories, discountFor, products, productsByCategory, promotions, roundPrice, yearlyPriceIncrease, type Product, type Promotion } from './catalogue.js';
import type { CustomerProfile } from './customer-profile.js';
import { allShops, currency, marketplaceName } from './geography.js';
import { writeEmailAsTyped } from './names.js';
import { orderingChannels, type OrderingChannel } from './personas.js';
import { writePhoneAsTyped } from './phones.js';
import { isTrue, pickIndex, pickOne, randomInt, toCumulative, type Random } from './random.js';
import type { LineRow, OrderRow } from './rows.js';

/** What every order of a store shares: calendar, price history, seasonal product mixes. */
export type OrderContext = {
  calendar: Calendar;
  /** Product mix within each category, per season (seasonal specials sell in their season). */
  productMixes: Map<Season, Map<string, { products: Product[]; cumulative: Float64Array }>>;
  /** Price of a product `yearsBefore` whole years before the calendar's end. */
  priceOf: (product: Product, yearsBefore: number) => number;
  /** A gift recipient's email: sometimes an earlier customer's, so recipients resolve too. */
  recipientEmailFor: (random: Random, buyerIndex: number) => string;
};

export function buildOrderContext(calendar: Calendar, recipientEmailFor: OrderContext['recipientEmailFor']): OrderContext {
  const seasons: Season[] = ['normal', 'ramadan', 'pre-lebaran', 'lebaran', 'post-lebaran', 'december', 'christmas'];
  const productMixes = new Map(seasons.map((season) => [season, new Map(categories.map((category) => {
    const inCategory = productsByCategory[category];
    const weights = inCategory.map((product) =>
      product.popularity * (product.seasons ? (product.seasons.includes(season) ? 12 : 0.15) : 1));
    return [category, { products: inCategory, cumulative: toCumulative(weights) }];
  }))]));
  const yearsCovered = Math.ceil(calendar.dayCount / 365.25) + 1;
  const priceHistory = new Map(products.map((product) => [product, Int32Array.from({ length: yearsCovered }, (_, yearsBefore) =>
    roundPrice(product.unitPrice / (1 + yearlyPriceIncrease) ** yearsBefore))]));
  const priceOf = (product: Product, yearsBefore: number): number => priceHistory.get(product)![yearsBefore];
  return { calendar, productMixes, priceOf, recipientEmailFor };
}

/** Draws the local second of day an order is placed at, from the persona's hours. */
export function drawOrderSecond(random: Random, profile: CustomerProfile, day: number): number {
  const hour = profile.persona.hours[pickIndex(random, profile.hours)][0];
  return day * 86_400 + hour * 3600 + Math.floor(random() * 3600);
}

const cakeSeasons: ReadonlySet<Season> = new Set(['pre-lebaran', 'christmas', 'december']);
const giftChannels: ReadonlySet<OrderingChannel> = new Set(['web', 'mobile', 'marketplace']);

function choosePromotion(random: Random, profile: CustomerProfile, channel: OrderingChannel, season: Season): Promotion | null {
  if (!isTrue(random, profile.isPromotionDriven ? 0.8 : 0.06)) return null;
  const valid = promotions.filter((promotion) =>
    (!promotion.seasons || promotion.seasons.includes(season)) && (!promotion.channels || promotion.channels.includes(channel)));
  const seasonal = valid.find((promotion) => promotion.seasons);
  if (seasonal && isTrue(random, 0.6)) return seasonal;
  return pickOne(random, valid);
}

function chooseStatus(random: Random, channel: OrderingChannel): OrderStatus {
  const roll = random();
  // marketplace buyers cancel and return more often
  const scale = channel === 'marketplace' ? 2 : 1;
  if (roll < 0.012 * scale) return 'cancelled';
  if (roll < 0.027 * scale) return 'refunded';
  if (roll < 0.047 * scale) return 'partially_refunded';
  return 'paid';
}

function locationFor(random: Random, profile: CustomerProfile, channel: OrderingChannel): string | null {
  switch (channel) {
    case 'store': return profile.homeShop && isTrue(random, 0.88) ? profile.homeShop : pickOne(random, allShops);
    case 'phone': return profile.homeShop ?? 'Jakarta Sudirman';
    case 'web': return 'Web Shop';
    case 'mobile': return 'Mobile App';
    case 'marketplace': return marketplaceName;
  }
}

export type BuiltOrder = { order: OrderRow; lines: LineRow[] };

export function buildOrder(
  random: Random, profile: CustomerProfile, context: OrderContext, orderId: string, second: number, orderedAt: string,
): BuiltOrder {
  const { calendar } = context;
  const day = Math.floor(second / 86_400);
  const season = calendar.seasons[day];
  const channel = orderingChannels[pickIndex(random, isWeekend(calendar, day) ? profile.weekendChannels : profile.weekdayChannels)];
  const yearsBefore = Math.floor((calendar.dayCount - 1 - day) / 365.25);
  const persona = profile.persona;
  const lineCount = randomInt(random, persona.linesRange[0], persona.linesRange[1]);
  const lines: LineRow[] = [];
  const mix = context.productMixes.get(season)!;
  let subtotal = 0;
  for (let attempt = 0; attempt < lineCount; attempt++) {
    const category = cakeSeasons.has(season) && isTrue(random, 0.25) ? 'cake' : categories[pickIndex(random, profile.categoryMix)];
    const { products, cumulative } = mix.get(category)!;
    const product = products[pickIndex(random, cumulative)];
    const quantity = Math.max(1, Math.round(randomInt(random, persona.quantityRange[0], persona.quantityRange[1]) * profile.spendFactor));
    const unitPrice = context.priceOf(product, yearsBefore);
    subtotal += quantity * unitPrice;
    let same: LineRow | null = null;
    for (const line of lines) if (line.sku === product.sku) same = line;
    if (same) same.quantity += quantity;
    else lines.push({ orderId, lineNo: lines.length + 1, sku: product.sku, productName: product.name, category, quantity, unitPrice });
  }

  const promotion = choosePromotion(random, profile, channel, season);
  const discountAmount = promotion ? discountFor(promotion, subtotal) : 0;
  const amount = subtotal - discountAmount;
  const status = chooseStatus(random, channel);
  const refundedAmount =
    status === 'refunded' ? amount :
    status === 'partially_refunded' ? Math.min(amount, Math.max(1000, Math.round((amount * (0.15 + 0.35 * random())) / 1000) * 1000)) :
    0;
  const isGift = giftChannels.has(channel) && isTrue(random, (persona.name === 'affluent-regular' ? 0.08 : 0.025) * (cakeSeasons.has(season) ? 2 : 1));

  // each channel names the buyer by what it knows; all of it also appears in customers.csv
  let customerId: string | null = null;
  let customerEmail: string | null = null;
  let customerPhone: string | null = null;
  if (channel === 'store') {
    if (profile.loyaltyCard) customerId = profile.customerId;
    else customerPhone = writePhoneAsTyped(random, profile.phone);
  } else if (channel === 'web') {
    customerEmail = writeEmailAsTyped(random, profile.email!);
    if (isTrue(random, 0.4)) customerPhone = writePhoneAsTyped(random, profile.phone);
  } else {
    customerPhone = writePhoneAsTyped(random, profile.phone);
    if (channel === 'phone' && profile.email && isTrue(random, 0.3)) customerEmail = profile.email;
  }

  return {
    order: {
      orderId, customerId, customerEmail, customerPhone, orderedAt, amount, currency, channel, status, refundedAmount,
      discountAmount, promotionCode: promotion?.code ?? null,
      recipientEmail: isGift ? context.recipientEmailFor(random, profile.index) : null,
      location: locationFor(random, profile, channel),
    },
    lines,
  };
}
