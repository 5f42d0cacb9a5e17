import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { fixedClock } from '../core/clock.js';
import { discoverPersonas } from './discover.service.js';
import { compareGroupDrift, type CategoricalDrift, type NumericDrift } from './drift.service.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const before = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') };
const after = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-06-01T00:00:00Z') };

describeEachStore('drift between two periods', (context) => {
  const db = () => context.store.db;

  beforeAll(async () => {
    await plantPopulation(db(), { customers: 800, seed: 5, asOf, consentProfiling: true });
    await discoverPersonas(db(), { clock: fixedClock(asOf), k: 5, seed: 2, silhouetteSample: 300 });
    // planted shift: families (group 2) bought last year in shops, young app users (group 0) this year; everyone else both years
    await sql`
      insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, channel, status)
      select c.customer_id, 'drift', c.customer_id || '-' || p.period, p.at, 'IDR', 50000, 50000,
        case substr(c.email, 2, 1) when '0' then 'mobile' when '2' then 'store' else 'web' end, 'paid'
      from customer c cross join (values (1, ${new Date('2025-03-15T03:00:00Z')}::timestamptz), (2, ${new Date('2026-03-15T03:00:00Z')}::timestamptz)) as p(period, at)
      where (substr(c.email, 2, 1) = '2' and p.period = 1) or (substr(c.email, 2, 1) = '0' and p.period = 2) or substr(c.email, 2, 1) not in ('0', '2')`.execute(db());
    await sql`
      insert into order_line (customer_id, order_id, line_no, category, quantity, unit_price_minor)
      select o.customer_id, o.order_id, 1, case o.channel when 'mobile' then 'coffee' when 'store' then 'bread' else 'tea' end, 1, 50000
      from customer_order o where o.source = 'drift'`.execute(db());
  }, 120_000);

  it('detects the planted shift in age, channel and category with effect sizes', async () => {
    const report = await compareGroupDrift(db(), { group: { kind: 'all' }, before, after });
    const attribute = <T>(name: string) => report.attributes.find((entry) => entry.attribute === name) as T;
    expect(report.before.customers).toBeGreaterThan(400);
    const age = attribute<NumericDrift>('age');
    // the young replace the families among about half of the active customers: a shift of several years
    expect(age.after.mean!).toBeLessThan(age.before.mean! - 5);
    expect(age.cohensD!).toBeLessThan(-0.3);
    expect(age.magnitude).not.toBe('negligible');
    const band = attribute<CategoricalDrift>('age band');
    expect(band.series.find((point) => point.label === '25-34')!.after).toBeGreaterThan(band.series.find((point) => point.label === '25-34')!.before + 0.1);
    const channel = attribute<CategoricalDrift>('channel');
    expect(channel.magnitude).not.toBe('negligible');
    expect(channel.series.find((point) => point.label === 'mobile')).toMatchObject({ before: 0 });
    expect(channel.series.find((point) => point.label === 'mobile')!.after).toBeGreaterThan(0.35);
    expect(channel.totalVariation).toBeGreaterThan(0.3);
    const category = attribute<CategoricalDrift>('category');
    expect(category.series.find((point) => point.label === 'bread')!.after).toBe(0);
    const kind = attribute<CategoricalDrift>('kind');
    expect(kind.magnitude).toBe('negligible');
  });

  it('flags the personas that grew and shrank', async () => {
    const report = await compareGroupDrift(db(), { group: { kind: 'all' }, before, after });
    const shifts = report.personaShifts!;
    const grew = shifts.filter((shift) => shift.change === 'grew');
    const shrank = shifts.filter((shift) => shift.change === 'shrank');
    expect(grew).toHaveLength(1);
    expect(grew[0].label).toContain('mobile');
    expect(shrank).toHaveLength(1);
    expect(shrank[0].label).toContain('small-town');
  });

  it('leaves out members who withdrew profiling consent since the discovery, from a persona group and from the persona shifts', async () => {
    const everyone = await compareGroupDrift(db(), { group: { kind: 'all' }, before, after });
    // a persona active in both periods (every planted group but 0 and 2 bought in both)
    const persona = everyone.personaShifts!.find((shift) => shift.before > 0 && shift.after > 0)!;
    const members = (await sql<{ customer_id: number }>`select customer_id from customer_persona where persona_id = ${persona.personaId} order by customer_id`.execute(db())).rows.map((row) => Number(row.customer_id));
    const withdrawing = members.filter((_, index) => index % 3 === 0);
    const activeMembers = async (period: { from: Date; to: Date }) => (await sql<{ n: number }>`
      select count(*)::int as n from customer_persona cp
      where cp.persona_id = ${persona.personaId} and not (cp.customer_id = any(${withdrawing}::bigint[]))
        and exists (select 1 from customer_order o where o.customer_id = cp.customer_id and o.status = 'paid' and o.ordered_at >= ${period.from}::timestamptz and o.ordered_at < ${period.to}::timestamptz)`.execute(db())).rows[0].n;
    // as PATCH /api/customers/{id} would, before anything reassigns them: their customer_persona rows stay
    await sql`update customer set consent_profiling = false where customer_id = any(${withdrawing}::bigint[])`.execute(db());
    try {
      const expected = { before: await activeMembers(before), after: await activeMembers(after) };
      expect(expected.before).toBeLessThan(persona.before);
      const report = await compareGroupDrift(db(), { group: { kind: 'persona', personaId: persona.personaId }, before, after });
      expect({ before: report.before.customers, after: report.after.customers }).toEqual(expected);
      const shift = report.personaShifts!.find((entry) => entry.personaId === persona.personaId)!;
      expect({ before: shift.before, after: shift.after }).toEqual(expected);
    } finally {
      await sql`update customer set consent_profiling = true where customer_id = any(${withdrawing}::bigint[])`.execute(db());
    }
  });

  it('compares a persona or a filter group, and rejects an empty period', async () => {
    const business = (await compareGroupDrift(db(), { group: { kind: 'filter', filter: { field: 'kind', op: 'eq', value: 'organization' } }, before, after }));
    expect(business.before.customers).toBe(business.after.customers);
    expect((business.attributes.find((entry) => entry.attribute === 'age') as NumericDrift).cohensD).toBeNull();
    await expect(compareGroupDrift(db(), { group: { kind: 'all' }, before: { from: before.to, to: before.from }, after })).rejects.toThrow(/must start before it ends/);
    await expect(compareGroupDrift(db(), { group: { kind: 'persona', personaId: 999_999 }, before, after })).rejects.toThrow(/no persona/);
  });
});
