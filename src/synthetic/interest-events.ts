import type { InterestKind } from '../db/schema.js';
import { products } from './catalogue.js';
import type { CustomerProfile } from './customer-profile.js';
import { eventIdOf } from './identifiers.js';
import { writePhoneAsTyped } from './phones.js';
import { isTrue, pickOne, randomInt, type Random } from './random.js';
import type { EventRow } from './rows.js';

/** An interest event before it gets its id and formatted time. */
export type PlannedEvent = { second: number; kind: InterestKind; channel: string; detail: string };

const onlineChannels = ['web', 'mobile', 'instagram'];

function describe(random: Random, kind: InterestKind, profile: CustomerProfile): string {
  const product = pickOne(random, products);
  switch (kind) {
    case 'visit': return `viewed ${product.name}`;
    case 'cart': return `added ${randomInt(random, 1, 3)} × ${product.name} to cart`;
    case 'signup': return 'created a web account';
    case 'newsletter': return 'subscribed to the newsletter';
    case 'inquiry': return profile.kind === 'organization' ? `catering quote for ${randomInt(random, 10, 80)} people` : `asked whether ${product.name} is available`;
    case 'other': return 'other';
  }
}

function channelOf(random: Random, kind: InterestKind): string {
  if (kind === 'inquiry') return isTrue(random, 0.7) ? 'whatsapp' : 'phone';
  if (kind === 'newsletter') return isTrue(random, 0.8) ? 'web' : 'store';
  return pickOne(random, onlineChannels);
}

/** A plausible journey: browse, maybe sign up or subscribe, maybe fill a cart. */
function drawJourney(random: Random, profile: CustomerProfile, steps: number): InterestKind[] {
  if (profile.kind === 'organization') return steps > 1 ? ['visit', 'inquiry'] : ['inquiry'];
  const journey: InterestKind[] = [];
  for (let step = 0; step < steps; step++) {
    const roll = random();
    journey.push(
      step === 0 ? (roll < 0.6 ? 'visit' : roll < 0.8 ? 'newsletter' : 'inquiry') :
      roll < 0.35 ? 'visit' : roll < 0.6 ? 'cart' : roll < 0.8 ? 'signup' : roll < 0.9 ? 'newsletter' : 'inquiry',
    );
  }
  return journey;
}

/**
 * Interest events ending before `beforeSecond` (a buyer's first order) or
 * starting at `fromSecond` (a lead's first contact). Times are seconds from
 * the calendar's start and never negative.
 */
export function planInterestEvents(
  random: Random, profile: CustomerProfile, steps: number, window: { fromSecond: number; endSecond: number } | { beforeSecond: number },
): PlannedEvent[] {
  const journey = drawJourney(random, profile, steps);
  const seconds: number[] = [];
  // people browse and ask between 07:00 and 23:00
  const daytime = () => (7 + Math.floor(random() * 16)) * 3600 + Math.floor(random() * 3600);
  if ('beforeSecond' in window) {
    const lastDay = Math.floor(window.beforeSecond / 86_400);
    const firstDay = Math.max(0, lastDay - randomInt(random, 0, 45));
    for (const _ of journey) {
      const second = randomInt(random, firstDay, lastDay) * 86_400 + daytime();
      // never after the first order: squeeze into the hour before it
      seconds.push(second <= window.beforeSecond ? second : Math.max(0, window.beforeSecond - Math.floor(random() * 3600)));
    }
  } else {
    const lastDay = Math.min(Math.floor((window.endSecond - 1) / 86_400), Math.floor(window.fromSecond / 86_400) + randomInt(random, 0, 120));
    for (const _ of journey) seconds.push(Math.min(window.endSecond - 1, randomInt(random, Math.floor(window.fromSecond / 86_400), lastDay) * 86_400 + daytime()));
  }
  seconds.sort((a, b) => a - b);
  if ('fromSecond' in window) seconds[0] = Math.min(seconds[0], window.fromSecond);
  return journey.map((kind, step) => ({ second: seconds[step], kind, channel: channelOf(random, kind), detail: describe(random, kind, profile) }));
}

/** Names the person as the event's source would: account, email or phone. */
export function toEventRow(random: Random, profile: CustomerProfile, event: PlannedEvent, sequence: number, occurredAt: string): EventRow {
  let customerId: string | null = null;
  let customerEmail: string | null = null;
  let customerPhone: string | null = null;
  if (event.kind === 'inquiry' || !profile.email) customerPhone = writePhoneAsTyped(random, profile.phone);
  else if (event.kind === 'signup' || ((event.kind === 'visit' || event.kind === 'cart') && profile.webAccount)) {
    customerId = profile.customerId;
    if (event.kind === 'signup') customerEmail = profile.email;
  } else customerEmail = profile.email;
  return {
    eventId: eventIdOf(profile.index, sequence), customerId, customerEmail, customerPhone,
    kind: event.kind, channel: event.channel, occurredAt, detail: event.detail,
  };
}
