import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { channels } from './kmeans-features.js';
import type { PersonaTrait } from './persona-names.js';

type Db = Kysely<Database>;
export type Share = { label: string; share: number };

export type PersonaProfile = {
  size: number;
  share: number;
  revenueShare: number;
  age: { mean: number | null; median: number | null; knownShare: number };
  typicalIncome: string | null;
  incomes: Share[];
  topCities: Share[];
  channels: Share[];
  categories: Share[];
  /** Primary customer types; null when the analytics tables are absent. */
  customerTypes: Share[] | null;
  averageOrders: number;
  averageRevenueMinor: number;
  /** From customer.attributes (kids_at_home, teens_at_home, marital_status) where recorded; null when the store has no such column. */
  household: { averageChildren: number | null; partneredShare: number | null; knownShare: number } | null;
  traits: PersonaTrait[];
};

const top = (rows: Array<{ persona_id: number; label: string | null; value: number }>, personaId: number, limit: number): Share[] => {
  const own = rows.filter((row) => Number(row.persona_id) === personaId && row.label !== null);
  const total = own.reduce((sum, row) => sum + Number(row.value), 0);
  return own.sort((a, b) => Number(b.value) - Number(a.value)).slice(0, limit).map((row) => ({ label: row.label!, share: total > 0 ? Number(row.value) / total : 0 }));
};

function householdOf(row: { children: number | null; partnered: number | null; known: number } | undefined, size: number): PersonaProfile['household'] {
  return { averageChildren: row?.children ?? null, partneredShare: row?.partnered ?? null, knownShare: size > 0 ? Number(row?.known ?? 0) / size : 0 };
}

/**
 * Readable profiles of every persona from the stored assignments, aggregated in
 * SQL (one row per persona and value), so it costs a few scans at any size.
 */
export async function computeProfiles(db: Db, personaIds: number[], asOf: Date, traits: Map<number, PersonaTrait[]>): Promise<Map<number, PersonaProfile>> {
  const year = asOf.getUTCFullYear();
  const age = sql`(${year}::int - c.birth_year)`;
  const plausible = sql`${age} between 14 and 100`;
  const base = await sql<Record<string, number> & { persona_id: number }>`
    select cp.persona_id, count(*)::int as size, coalesce(sum(t.revenue_minor), 0)::float8 as revenue,
      avg(${age}) filter (where ${plausible})::float8 as mean_age,
      percentile_cont(0.5) within group (order by ${age}) filter (where ${plausible}) as median_age,
      (count(*) filter (where ${plausible}))::int as known_age, avg(t.order_count)::float8 as average_orders,
      ${sql.join(channels.map((channel) => sql`coalesce(sum(${sql.ref(`t.${channel}_order_count`)}), 0)::float8 as ${sql.ref(channel)}`))}
    from customer_persona cp join customer c on c.customer_id = cp.customer_id join customer_trait t on t.customer_id = cp.customer_id
    group by cp.persona_id`.execute(db);
  const grouped = async (column: 'income_band' | 'city') => (await sql<{ persona_id: number; label: string | null; value: number }>`
    select cp.persona_id, ${sql.ref(`c.${column}`)} as label, count(*)::int as value
    from customer_persona cp join customer c on c.customer_id = cp.customer_id group by 1, 2`.execute(db)).rows;
  const incomes = await grouped('income_band');
  const cities = await grouped('city');
  const categories = (await sql<{ persona_id: number; label: string; value: number }>`
    select cp.persona_id, cc.category as label, sum(cc.amount_minor)::float8 as value
    from customer_persona cp join customer_category cc on cc.customer_id = cp.customer_id group by 1, 2`.execute(db)).rows;
  const hasTypes = (await sql<{ present: boolean }>`select to_regclass('customer_type') is not null as present`.execute(db)).rows[0]?.present;
  const types = hasTypes ? (await sql<{ persona_id: number; label: string; value: number }>`
    select cp.persona_id, ct.primary_type as label, count(*)::int as value
    from customer_persona cp join customer_type ct on ct.customer_id = cp.customer_id group by 1, 2`.execute(db)).rows : null;

  const hasAttributes = (await sql<{ present: boolean }>`
    select exists (select 1 from pg_attribute where attrelid = to_regclass('customer') and attname = 'attributes' and not attisdropped) as present`.execute(db)).rows[0]?.present;
  const children = sql`(case when c.attributes ? 'kids_at_home' or c.attributes ? 'teens_at_home'
    then coalesce((c.attributes->>'kids_at_home')::numeric, 0) + coalesce((c.attributes->>'teens_at_home')::numeric, 0) end)`;
  const households = hasAttributes ? (await sql<{ persona_id: number; children: number | null; partnered: number | null; known: number }>`
    select cp.persona_id, avg(${children})::float8 as children, count(${children})::int as known,
      avg(case when c.attributes ? 'marital_status' then (lower(c.attributes->>'marital_status') in ('married', 'together', 'partnered', 'partner', 'cohabiting'))::int end)::float8 as partnered
    from customer_persona cp join customer c on c.customer_id = cp.customer_id group by 1`.execute(db)).rows : null;
  const totalSize = base.rows.reduce((sum, row) => sum + Number(row.size), 0);
  const totalRevenue = base.rows.reduce((sum, row) => sum + Number(row.revenue), 0);
  const profiles = new Map<number, PersonaProfile>();
  for (const personaId of personaIds) {
    const row = base.rows.find((candidate) => Number(candidate.persona_id) === personaId);
    const size = Number(row?.size ?? 0);
    const orders = channels.reduce((sum, channel) => sum + Number(row?.[channel] ?? 0), 0);
    const incomeShares = top(incomes, personaId, 10);
    profiles.set(personaId, {
      size,
      share: totalSize > 0 ? size / totalSize : 0,
      revenueShare: totalRevenue > 0 ? Number(row?.revenue ?? 0) / totalRevenue : 0,
      age: { mean: row?.mean_age ?? null, median: row?.median_age === undefined || row.median_age === null ? null : Number(row.median_age), knownShare: size > 0 ? Number(row?.known_age ?? 0) / size : 0 },
      typicalIncome: incomeShares[0]?.label ?? null,
      incomes: incomeShares.slice(0, 3),
      topCities: top(cities, personaId, 3),
      channels: channels.map((channel) => ({ label: channel, share: orders > 0 ? Number(row?.[channel] ?? 0) / orders : 0 })).filter((entry) => entry.share > 0).sort((a, b) => b.share - a.share),
      categories: top(categories, personaId, 3),
      customerTypes: types ? top(types, personaId, 3) : null,
      averageOrders: Number(row?.average_orders ?? 0),
      averageRevenueMinor: size > 0 ? Number(row?.revenue ?? 0) / size : 0,
      household: households ? householdOf(households.find((entry) => Number(entry.persona_id) === personaId), size) : null,
      traits: traits.get(personaId) ?? [],
    });
  }
  return profiles;
}
