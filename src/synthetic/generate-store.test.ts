import { beforeAll, describe, expect, it } from 'vitest';
import { generateStore, type PersonRecords, type StoreOptions } from './index.js';

const endDate = new Date('2026-05-01T00:00:00+07:00');
const options: StoreOptions = { seed: 7, customers: 3000, targetOrders: 30_000, endDate, years: 3 };

async function collect(storeOptions: StoreOptions): Promise<PersonRecords[]> {
  const people: PersonRecords[] = [];
  for await (const records of generateStore(storeOptions).people()) people.push(records);
  return people;
}

const dayOf = (time: string) => time.slice(0, 10);
const weekdayOf = (time: string) => new Date(`${dayOf(time)}T00:00:00Z`).getUTCDay();
const ordersPerDay = (people: PersonRecords[], from: string, to: string) =>
  people.flatMap((person) => person.orders).filter((order) => dayOf(order.orderedAt) >= from && dayOf(order.orderedAt) <= to).length /
  ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1);

describe('generateStore', () => {
  let people: PersonRecords[];
  beforeAll(async () => {
    people = await collect(options);
  });
  const orders = () => people.flatMap((person) => person.orders);

  it('produces the same rows for the same seed and different rows for another seed', async () => {
    const again = await collect({ ...options, customers: 300 });
    expect(await collect({ ...options, customers: 300 })).toEqual(again);
    expect(await collect({ ...options, customers: 300, seed: 8 })).not.toEqual(again);
  });

  it('hits the order target exactly when every person is replayed in calibration', () => {
    expect(orders()).toHaveLength(30_000);
  });

  it('hits the order target within 2% when calibration samples', async () => {
    const sampled = await collect({ ...options, customers: 6000, targetOrders: 45_000, calibrationSample: 2000 });
    const count = sampled.reduce((sum, person) => sum + person.orders.length, 0);
    expect(Math.abs(count - 45_000) / 45_000).toBeLessThan(0.02);
  });

  it('makes every order total the sum of its lines minus the discount', () => {
    for (const person of people.slice(0, 500)) {
      for (const order of person.orders) {
        const lines = person.lines.filter((line) => line.orderId === order.orderId);
        expect(lines.length).toBeGreaterThanOrEqual(1);
        expect(lines.length).toBeLessThanOrEqual(5);
        const subtotal = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
        expect(order.amount).toBe(subtotal - order.discountAmount);
        expect(order.refundedAmount).toBeLessThanOrEqual(order.amount);
      }
    }
  });

  it('places nothing before a customer was created nor on or after the end date', () => {
    // every time carries +07:00, so the strings compare as instants
    const end = '2026-05-01T00:00:00+07:00';
    for (const person of people) {
      const createdAt = person.customers[0].createdAt;
      for (const order of person.orders) {
        expect(order.orderedAt >= createdAt && order.orderedAt < end).toBe(true);
      }
      for (const event of person.events) expect(event.occurredAt >= createdAt && event.occurredAt < end).toBe(true);
    }
  });

  it('puts more shop orders on weekend days than on weekdays', () => {
    const store = orders().filter((order) => order.channel === 'store');
    const weekend = store.filter((order) => [0, 6].includes(weekdayOf(order.orderedAt))).length;
    expect(weekend / 2).toBeGreaterThan(((store.length - weekend) / 5) * 1.3);
  });

  it('puts office catering on weekdays', () => {
    const catering = people.filter((person) => person.customers[0].kind === 'organization').flatMap((person) => person.orders);
    const weekend = catering.filter((order) => [0, 6].includes(weekdayOf(order.orderedAt))).length;
    expect(weekend / catering.length).toBeLessThan(0.05);
  });

  it('sells more per day in late December and before Lebaran than in the weeks before', () => {
    expect(ordersPerDay(people, '2025-12-16', '2025-12-31')).toBeGreaterThan(ordersPerDay(people, '2025-10-16', '2025-11-30') * 1.25);
    // Lebaran 2025 fell on 31 March
    expect(ordersPerDay(people, '2025-03-19', '2025-03-30')).toBeGreaterThan(ordersPerDay(people, '2025-01-15', '2025-02-15') * 1.4);
  });

  it('grows: the last year has more orders than the first', () => {
    expect(ordersPerDay(people, '2025-05-01', '2026-04-30')).toBeGreaterThan(ordersPerDay(people, '2023-05-01', '2024-04-30') * 1.5);
  });

  it('lets one person buy at the till by card and online by email', () => {
    const shared = people.filter((person) =>
      person.orders.some((order) => order.customerId !== null) && person.orders.some((order) => order.customerEmail !== null));
    expect(shared.length).toBeGreaterThan(50);
    for (const person of shared) expect(person.customers[0].email).not.toBeNull();
  });

  it('names every order by an identity its customer row also has', () => {
    const digits = (phone: string) => phone.replace(/\D/g, '').replace(/^62/, '0');
    for (const person of people) {
      const customer = person.customers[0];
      for (const order of person.orders) {
        const known =
          order.customerId === customer.customerId ||
          order.customerEmail?.trim().toLowerCase() === customer.email ||
          (order.customerPhone !== null && digits(order.customerPhone) === digits(customer.phone!));
        expect(known).toBe(true);
      }
    }
  });

  it('writes phones in several local formats', () => {
    const phones = orders().map((order) => order.customerPhone).filter((phone) => phone !== null);
    expect(phones.some((phone) => /^0\d{3}-\d{4}-\d{4}$/.test(phone))).toBe(true);
    expect(phones.some((phone) => /^\+62 \d{3} \d{4} \d{4}$/.test(phone))).toBe(true);
    expect(phones.some((phone) => /^\+62\d{11}$/.test(phone))).toBe(true);
  });

  it('has leads with interest events and no orders, and buyers with events before their first order', () => {
    const leads = people.filter((person) => person.orders.length === 0);
    expect(leads.length).toBe(600);
    expect(leads.every((person) => person.events.length > 0 && person.truth[0].isLead)).toBe(true);
    const warmedUp = people.filter((person) => person.orders.length > 0 && person.events.length > 0);
    expect(warmedUp.length).toBeGreaterThan(300);
    for (const person of warmedUp) expect(person.events[0].occurredAt <= person.orders[0].orderedAt).toBe(true);
  });

  it('has refunds, partial refunds, cancellations, promotions and gifts at small rates', () => {
    const all = orders();
    const share = (predicate: (order: (typeof all)[number]) => boolean) => all.filter(predicate).length / all.length;
    expect(share((order) => order.status === 'refunded')).toBeGreaterThan(0.005);
    expect(share((order) => order.status === 'partially_refunded')).toBeGreaterThan(0.005);
    expect(share((order) => order.status === 'cancelled')).toBeGreaterThan(0.005);
    expect(share((order) => order.status !== 'paid')).toBeLessThan(0.1);
    expect(share((order) => order.promotionCode !== null)).toBeGreaterThan(0.1);
    expect(share((order) => order.recipientEmail !== null)).toBeGreaterThan(0.003);
  });

  it('plants personas that differ in age and channel', () => {
    const byPersona = new Map<string, PersonRecords[]>();
    for (const person of people) byPersona.set(person.truth[0].persona, [...(byPersona.get(person.truth[0].persona) ?? []), person]);
    expect([...byPersona.keys()].sort()).toEqual(['affluent-regular', 'family-weekend', 'office-catering', 'student-promo', 'urban-mobile']);
    const meanBirthYear = (name: string) => {
      const years = byPersona.get(name)!.map((person) => person.customers[0].birthYear).filter((year) => year !== null);
      return years.reduce((sum, year) => sum + year, 0) / years.length;
    };
    expect(meanBirthYear('student-promo')).toBeGreaterThan(meanBirthYear('family-weekend') + 15);
    const channelShare = (name: string, channel: string) => {
      const personaOrders = byPersona.get(name)!.flatMap((person) => person.orders);
      return personaOrders.filter((order) => order.channel === channel).length / personaOrders.length;
    };
    expect(channelShare('student-promo', 'marketplace')).toBeGreaterThan(0.4);
    expect(channelShare('urban-mobile', 'mobile')).toBeGreaterThan(0.4);
    expect(channelShare('family-weekend', 'store')).toBeGreaterThan(0.6);
  });

  it('adds a few duplicate customer rows for the same person, marked in the truth', () => {
    const duplicated = people.filter((person) => person.customers.length === 2);
    expect(duplicated.length).toBeGreaterThan(0);
    for (const person of duplicated) {
      expect(person.customers[1].email!.trim().toLowerCase()).toBe(person.customers[0].email);
      expect(person.truth[1].sameAs).toBe(person.customers[0].customerId);
    }
  });
});
