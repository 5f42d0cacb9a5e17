import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { compareGroupDrift, type NumericDrift } from './drift.service.js';

// Spend per buyer as a marketer reads it: the plain mean (total paid ÷ buyers) and the median, in
// money, beside the mean of ln(1 + spend) the change is sized by. Buyers here were never asked about
// profiling, as in every bundled public data set: a comparison counts them all, in aggregate.
describeEachStore('drift: spend per buyer in money, over every buyer', (context) => {
  const db = () => context.store.db;
  const before = { from: '2025-01-01', to: '2025-02-01' };
  const after = { from: '2025-02-01', to: '2025-03-01' };

  beforeAll(async () => {
    await sql`insert into customer (customer_id, kind, name, consent_profiling)
      select id, 'person', 'C' || id, case when id = 1 then true when id = 2 then false end from generate_series(1, 5) id`.execute(db());
    // January: buyers 1–4 spend 10.00, 20.00 (two orders: 5.00 + 15.00), 30.00 and 1,000.00; February: buyers 1, 2 and 5 spend 40.00, 60.00 and 80.00
    await sql`insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, channel, status)
      values (1, 't', 'J1', '2025-01-05T12:00:00Z', 'USD', 1000, 1000, 'web', 'paid'),
        (2, 't', 'J2a', '2025-01-06T12:00:00Z', 'USD', 500, 500, 'web', 'paid'), (2, 't', 'J2b', '2025-01-07T12:00:00Z', 'USD', 1500, 1500, 'web', 'paid'),
        (3, 't', 'J3', '2025-01-08T12:00:00Z', 'USD', 3000, 3000, 'web', 'paid'), (4, 't', 'J4', '2025-01-09T12:00:00Z', 'USD', 100000, 100000, 'web', 'paid'),
        (5, 't', 'J5', '2025-01-10T12:00:00Z', 'USD', 9999, 9999, 'web', 'cancelled'),
        (1, 't', 'F1', '2025-02-05T12:00:00Z', 'USD', 4000, 4000, 'web', 'paid'), (2, 't', 'F2', '2025-02-06T12:00:00Z', 'USD', 6000, 6000, 'web', 'paid'),
        (5, 't', 'F5', '2025-02-07T12:00:00Z', 'USD', 8000, 8000, 'web', 'paid')`.execute(db());
  });

  it('sends the mean and median spend per buyer of each period, and labels the log figure as such', async () => {
    const report = await compareGroupDrift(db(), { group: { kind: 'all' }, before, after });
    // every buyer, whatever their consent to profiling: the comparison profiles no one
    expect({ before: report.before.customers, after: report.after.customers }).toEqual({ before: 4, after: 3 });
    const spend = report.attributes.find((attribute) => attribute.attribute === 'spend (log)') as NumericDrift;
    expect(spend.spendPerBuyer).toEqual({
      before: { meanMinor: (1000 + 2000 + 3000 + 100000) / 4, medianMinor: 2500 },
      after: { meanMinor: 6000, medianMinor: 6000 },
    });
    // the log figure stays, for d, and is the mean of ln(1 + spend): exp of it is no one's spend
    expect(spend.before.mean).toBeCloseTo((Math.log1p(1000) + Math.log1p(2000) + Math.log1p(3000) + Math.log1p(100000)) / 4, 10);
    expect(Math.expm1(spend.before.mean!)).toBeLessThan(spend.spendPerBuyer!.before.meanMinor! / 5);
    // other numeric rows carry no money
    expect(report.attributes.filter((attribute) => 'spendPerBuyer' in attribute).map((attribute) => attribute.attribute)).toEqual(['spend (log)']);
  });

  it('leaves the money empty for a period without buyers', async () => {
    const report = await compareGroupDrift(db(), { group: { kind: 'all' }, before: { from: '2024-01-01', to: '2024-02-01' }, after });
    const spend = report.attributes.find((attribute) => attribute.attribute === 'spend (log)') as NumericDrift;
    expect(spend.spendPerBuyer!.before).toEqual({ meanMinor: null, medianMinor: null });
  });
});
