import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { customerPersonalityAsOf, loadCustomerPersonality } from '../../test/fixtures/segments/load-customer-personality.js';
import { fixedClock } from '../core/clock.js';
import { discoverPersonas, type Discovery } from './discover.service.js';

const excerpt = fileURLToPath(new URL('../../test/fixtures/segments/customer-personality-400.csv', import.meta.url));

// Real data: the first 400 customers of the Customer Personality file (docs/personas.md has the full file).
describeEachStore('personas of real customers (Customer Personality excerpt)', (context) => {
  let discovery: Discovery;
  beforeAll(async () => {
    expect(await loadCustomerPersonality(context.store.db, excerpt)).toEqual({ imported: 400, withFacts: 400 });
    discovery = await discoverPersonas(context.store.db, { clock: fixedClock(customerPersonalityAsOf), seed: 1 });
  }, 120_000);

  it('splits big spenders with higher incomes from small spenders, as on the full file', () => {
    expect(discovery.population).toBeGreaterThan(395);
    const byRevenue = [...discovery.personas].sort((a, b) => b.profile.averageRevenueMinor - a.profile.averageRevenueMinor);
    const top = byRevenue[0].profile;
    const bottom = byRevenue[byRevenue.length - 1].profile;
    expect(top.averageRevenueMinor).toBeGreaterThan(3 * bottom.averageRevenueMinor);
    expect(top.revenueShare).toBeGreaterThan(top.share);
    expect(byRevenue[0].generatedName).toMatch(/affluent|high-spend/);
    expect(top.categories[0].label).toBe('wines');
    // households only where the importer stores customer attributes (Kidhome, Teenhome)
    if (top.household && bottom.household) expect(bottom.household.averageChildren!).toBeGreaterThan(top.household.averageChildren!);
  });
});
