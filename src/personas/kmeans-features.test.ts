import { describe, expect, it } from 'vitest';
import { buildColumns, fitFeatureSpec, orderIncomeBands, rawFeatures, toPoint, translateCentroid, type FeatureContext, type RawCustomer } from './kmeans-features.js';

const context: FeatureContext = {
  asOf: '2026-06-01T00:00:00Z', cityCustomers: { Jakarta: 1000, Malang: 10 }, categoryLevels: ['coffee', 'bread'], incomeLevels: ['<5M', '5-10M', '>20M'], hasHousehold: false,
};
const customer = (changes: Partial<RawCustomer>): RawCustomer => ({
  customerId: 1, kind: 'person', birthYear: 1996, incomeBand: '5-10M', city: 'Jakarta', orderCount: 4, purchaseDays: 4, revenueMinor: 400_000,
  firstPurchaseAt: new Date('2025-06-01T00:00:00Z'), channelOrders: { store: 1, web: 0, mobile: 3, marketplace: 0, phone: 0, other: 0 },
  categories: { coffee: 300_000, bread: 50_000, tea: 50_000 }, household: null, ...changes,
});
const columns = buildColumns(context);
const valueOf = (raw: Float64Array, name: string) => raw[columns.findIndex((column) => column.name === name)];

describe('persona features', () => {
  it('orders income bands by their first amount, whatever the unit', () => {
    expect(orderIncomeBands(['>20M', '5-10M', '<5M', '10-20M'])).toEqual(['<5M', '5-10M', '10-20M', '>20M']);
    expect(orderIncomeBands(['100k+', '25k-50k', '<25k', '75k-100k', '50k-75k'])).toEqual(['<25k', '25k-50k', '50k-75k', '75k-100k', '100k+']);
  });

  it('derives age, income rank, city size and mixes, and flags what is missing', () => {
    const raw = rawFeatures(customer({}), context, columns);
    expect(valueOf(raw, 'age')).toBe(30);
    expect(valueOf(raw, 'income')).toBe(0.5);
    expect(valueOf(raw, 'city_size')).toBeCloseTo(Math.log1p(1000), 10);
    expect(valueOf(raw, 'channel:mobile')).toBe(0.75);
    expect(valueOf(raw, 'category:coffee')).toBe(0.75);
    expect(valueOf(raw, 'category:other')).toBe(0.125);
    const unknown = rawFeatures(customer({ birthYear: 1893, incomeBand: null, city: null }), context, columns);
    expect(Number.isNaN(valueOf(unknown, 'age'))).toBe(true);
    expect([valueOf(unknown, 'age_missing'), valueOf(unknown, 'income_missing'), valueOf(unknown, 'city_missing')]).toEqual([1, 1, 1]);
  });

  it('imputes missing values with the mean and gives every concept the same total weight', () => {
    const rows = [customer({}), customer({ birthYear: 1970, city: 'Malang' }), customer({ birthYear: null, channelOrders: { store: 4, web: 0, mobile: 0, marketplace: 0, phone: 0, other: 0 } })]
      .map((entry) => rawFeatures(entry, context, columns));
    const spec = fitFeatureSpec(rows, context, columns);
    const points = rows.map((row) => toPoint(row, spec));
    const age = columns.findIndex((column) => column.name === 'age');
    expect(points[2][age]).toBe(0);
    const groupVariance = (group: string) => columns.reduce((sum, column, j) => {
      if (column.group !== group) return sum;
      const mean = points.reduce((total, point) => total + point[j], 0) / points.length;
      return sum + points.reduce((total, point) => total + (point[j] - mean) ** 2, 0) / points.length;
    }, 0);
    expect(groupVariance('channel')).toBeCloseTo(1, 10);
    expect(groupVariance('city')).toBeCloseTo(1, 10);
    // no spread at all: the group carries no weight instead of dividing by zero
    expect(groupVariance('kind')).toBe(0);
  });

  it('re-expresses an old centroid in a new model space by column name', () => {
    const rows = [customer({}), customer({ birthYear: 1970 })].map((entry) => rawFeatures(entry, context, columns));
    const old = fitFeatureSpec(rows, context, columns);
    const wider = fitFeatureSpec([...rows, rawFeatures(customer({ birthYear: 2000 }), context, columns)], context, columns);
    const centroid = toPoint(rows[1], old);
    const translated = translateCentroid(centroid, old, wider);
    expect(translated[0]).toBeCloseTo(toPoint(rows[1], wider)[0], 10);
  });
});
