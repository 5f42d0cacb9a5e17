/**
 * The store behind bench/web.ts: ~1M customers and ~10M orders generated in SQL
 * (generate_series and hashtext(), so every build is identical), then the
 * product's own purchase-fact rebuild and `analyze`, so the list's types and RFM
 * segments and the home figures come from the same code as in production.
 *
 * SQL generation instead of the importer: the importer runs at ~20,000 orders/s
 * here (docs/benchmarks.md), so 10M orders would take the best part of an hour;
 * what this benchmark measures is reading a large store, not filling one.
 */
import { rm } from 'node:fs/promises';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { analyze } from '../../src/analytics/index.js';
import { openStore, type Store } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { rebuildTraits } from '../../src/traits/index.js';
import { updateStoreSettings } from '../../src/settings/index.js';
import { orderDraws } from './order-draws.sql.js';

export type StoreSpec = { customers: number; ordersPerCustomer: number };
export type FillMarker = StoreSpec & { generator: number; asOf: string; buildSeconds: Record<string, number>; orders: number };

/** Raise when the generated data changes, so an old store is rebuilt rather than reused. */
const generatorVersion = 1;
/** The last day with orders; the store reports as of it (`data_as_of`), so every run sees the same periods. */
export const benchAsOfDay = '2026-11-29';
const timeZone = 'Asia/Jakarta';

const firstNames = ['Budi', 'Siti', 'Agus', 'Dewi', 'Rina', 'Andi', 'Putri', 'Joko', 'Sri', 'Wahyu', 'Ayu', 'Eko', 'Indah', 'Hendra', 'Nur', 'Rudi',
  'Lestari', 'Bayu', 'Fitri', 'Dimas', 'Ratna', 'Yusuf', 'Maya', 'Arif', 'Wulan', 'Fajar', 'Intan', 'Gilang', 'Sari', 'Teguh', 'Kartika', 'Reza'];
const lastNames = ['Santoso', 'Wijaya', 'Saputra', 'Hidayat', 'Kusuma', 'Pratama', 'Nugroho', 'Setiawan', 'Lestari', 'Rahmawati', 'Halim', 'Gunawan',
  'Sutanto', 'Purnomo', 'Siregar', 'Nasution', 'Harahap', 'Wibowo', 'Susanto', 'Kurniawan', 'Permana', 'Utomo', 'Firmansyah', 'Hakim'];
const cities = ['Jakarta', 'Jakarta', 'Jakarta', 'Surabaya', 'Surabaya', 'Bandung', 'Bandung', 'Medan', 'Semarang', 'Makassar', 'Palembang',
  'Yogyakarta', 'Denpasar', 'Malang', 'Bogor', 'Depok'];

export function benchDatabaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The marker is written last, so a build that was interrupted is never mistaken for a filled store. */
async function readMarker(db: Kysely<Database>): Promise<FillMarker | null> {
  const result = await sql<{ comment: string | null }>`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = current_database()`.execute(db);
  try {
    const marker = JSON.parse(result.rows[0]?.comment ?? 'null') as FillMarker | null;
    return marker && marker.generator === generatorVersion ? marker : null;
  } catch {
    return null;
  }
}

async function writeMarker(db: Kysely<Database>, marker: FillMarker): Promise<void> {
  const name = (await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0].name;
  await sql.raw(`comment on database "${name}" is '${JSON.stringify(marker).replace(/'/g, "''")}'`).execute(db);
}

const sameSpec = (marker: FillMarker | null, spec: StoreSpec) => marker !== null && marker.customers === spec.customers && marker.ordersPerCustomer === spec.ordersPerCustomer;

/** Creates (or with `rebuild`, recreates) the server database and fills it unless it already holds this spec. */
export async function prepareServerStore(adminUrl: string, database: string, spec: StoreSpec, options: { rebuild: boolean; log: (line: string) => void }): Promise<{ url: string; marker: FillMarker; reused: boolean }> {
  const url = benchDatabaseUrl(adminUrl, database);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [database])).rowCount === 1;
    if (exists && !options.rebuild) {
      const store = await openStore(url);
      try {
        const marker = await readMarker(store.db);
        if (sameSpec(marker, spec)) return { url, marker: marker!, reused: true };
      } finally {
        await store.close();
      }
      options.log(`database ${database} exists but holds no complete ${spec.customers.toLocaleString('en')}-customer store: rebuilding it`);
    }
    if (exists) await admin.query(`drop database "${database}" with (force)`);
    await admin.query(`create database "${database}"`);
  } finally {
    await admin.end();
  }
  const store = await openStore(url);
  try {
    return { url, marker: await fillStore(store, spec, options.log), reused: false };
  } finally {
    await store.close();
  }
}

/** The same for an embedded (PGlite) store in a directory. */
export async function prepareEmbeddedStore(directory: string, spec: StoreSpec, options: { rebuild: boolean; log: (line: string) => void }): Promise<{ marker: FillMarker; reused: boolean }> {
  if (!options.rebuild) {
    const store = await openStore(directory);
    try {
      const hasTables = (await sql<{ present: boolean }>`select to_regclass('customer') is not null as present`.execute(store.db)).rows[0].present;
      const marker = hasTables ? await readMarker(store.db) : null;
      if (sameSpec(marker, spec)) return { marker: marker!, reused: true };
    } finally {
      await store.close();
    }
  }
  await rm(directory, { recursive: true, force: true });
  const store = await openStore(directory);
  try {
    return { marker: await fillStore(store, spec, options.log), reused: false };
  } finally {
    await store.close();
  }
}

async function timedStep(log: (line: string) => void, seconds: Record<string, number>, name: string, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await work();
  seconds[name] = Math.round((performance.now() - started) / 100) / 10;
  log(`  ${name}: ${seconds[name]} s`);
}

async function fillStore(store: Store, spec: StoreSpec, log: (line: string) => void): Promise<FillMarker> {
  const db = store.db;
  const seconds: Record<string, number> = {};
  const started = performance.now();
  log(`building a ${spec.customers.toLocaleString('en')}-customer store (${store.kind}, ${store.location})`);
  await timedStep(log, seconds, 'migrate', () => migrate(store));
  await updateStoreSettings(db, {
    name: 'Bench store (synthetic)', currency: 'IDR', timezone: timeZone, default_country: 'ID', is_synthetic: true, demo_dataset: null,
    data_as_of: `${benchAsOfDay}T12:00:00+07:00`,
  });
  await timedStep(log, seconds, 'customers and identities', () => generateCustomers(db, spec.customers));
  const chunk = 1_000_000;
  const total = spec.customers * spec.ordersPerCustomer;
  await timedStep(log, seconds, 'orders and lines', () => withoutIndexes(db, ['customer_order', 'order_line'], async () => {
    for (let from = 1; from <= total; from += chunk) {
      await generateOrders(db, spec.customers, from, Math.min(from + chunk - 1, total));
      log(`    orders drawn ${Math.min(from + chunk - 1, total).toLocaleString('en')} / ${total.toLocaleString('en')}`);
    }
    log('    rebuilding the indexes of customer_order and order_line');
  }));
  await timedStep(log, seconds, 'vacuum analyze (facts)', () => sql`vacuum analyze`.execute(db));
  await timedStep(log, seconds, 'purchase facts (rebuildTraits)', () => rebuildTraits(db));
  await timedStep(log, seconds, 'analyze (types, RFM, alerts)', () => analyze(db, { asOf: benchAsOfDay }));
  await timedStep(log, seconds, 'vacuum analyze (derived)', () => sql`vacuum analyze`.execute(db));
  const orders = Number((await sql<{ count: number }>`select count(*)::bigint as count from customer_order`.execute(db)).rows[0].count);
  seconds.total = Math.round((performance.now() - started) / 100) / 10;
  const marker: FillMarker = { ...spec, generator: generatorVersion, asOf: benchAsOfDay, buildSeconds: seconds, orders };
  await writeMarker(db, marker);
  return marker;
}

/**
 * Runs `work` with the tables' indexes and key constraints dropped, then puts
 * back exactly the same definitions: building an index once over 10M rows is
 * several times faster than maintaining four of them row by row.
 */
async function withoutIndexes(db: Kysely<Database>, tables: string[], work: () => Promise<void>): Promise<void> {
  const constraints = await sql<{ table_name: string; name: string; definition: string }>`
    select conrelid::regclass::text as table_name, conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint where conrelid = any(${tables}::regclass[]) and contype in ('p', 'u')`.execute(db);
  const indexes = await sql<{ name: string; definition: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i where i.indrelid = any(${tables}::regclass[])
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`.execute(db);
  for (const constraint of constraints.rows) await sql.raw(`alter table ${constraint.table_name} drop constraint ${constraint.name}`).execute(db);
  for (const index of indexes.rows) await sql.raw(`drop index ${index.name}`).execute(db);
  await work();
  for (const constraint of constraints.rows) await sql.raw(`alter table ${constraint.table_name} add constraint ${constraint.name} ${constraint.definition}`).execute(db);
  for (const index of indexes.rows) await sql.raw(index.definition).execute(db);
}

/**
 * Customer ids that are multiples of 4 are leads (no orders); the rest buy.
 * Ids grow with sign-up time over three years, as they do in a live store.
 */
async function generateCustomers(db: Kysely<Database>, customers: number): Promise<void> {
  await sql`
    insert into customer (customer_id, name, email, phone, city, country, created_at, updated_at)
    select i, first || ' ' || last,
      case when i % 5 <> 1 then lower(first) || '.' || lower(last) || i || '@example.com' end,
      case when i % 10 < 6 then '+62812' || lpad(i::text, 8, '0') end,
      (${cities}::text[])[1 + abs(hashtext('city' || i)) % ${cities.length}::int], 'ID',
      created, created
    from (
      select i, (${firstNames}::text[])[1 + abs(hashtext('first' || i)) % ${firstNames.length}::int] as first,
        (${lastNames}::text[])[1 + abs(hashtext('last' || i)) % ${lastNames.length}::int] as last,
        (${benchAsOfDay}::date - 1095 + (1095.0 * i / ${customers}::int) * interval '1 day' + interval '9 hours') at time zone ${timeZone} as created
      from generate_series(1, ${customers}::int) i
    ) c`.execute(db);
  await sql`select setval(pg_get_serial_sequence('customer', 'customer_id'), ${customers}::bigint)`.execute(db);
  await sql`
    insert into customer_identity (kind, namespace, value, customer_id, created_at)
    select 'email', '', email, customer_id, created_at from customer where email is not null
    union all
    select 'phone', '', phone, customer_id, created_at from customer where phone is not null`.execute(db);
}

/**
 * Orders `from`..`to` of the series: buyers drawn with a heavy skew (a few
 * frequent buyers, many one-off ones) and scattered over the ids by a fixed
 * permutation, days over the two years up to the as-of day with fewer orders on
 * Sundays, six channels, 8% promotions, 3% refunds and cancellations; one line each.
 */
async function generateOrders(db: Kysely<Database>, customers: number, from: number, to: number): Promise<void> {
  const buyers = customers - Math.floor(customers / 4);
  await sql`
    with inserted as (
      insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor,
        promotion_code, channel, status)
      select 4 * (b / 3) + b % 3 + 1, 'bench', 'o' || i,
        (${benchAsOfDay}::date - floor(u2 * 730)::int + interval '8 hours' + (u3 * interval '13 hours')) at time zone ${timeZone},
        'IDR', amount, amount, case when u4 < 0.01 then amount else 0 end,
        case when u3 < 0.08 then 'PROMO' || (i % 7) end,
        (array['store', 'web', 'mobile', 'marketplace', 'phone', 'other'])[1 + floor(power(u4, 0.7) * 6)::int],
        case when u4 < 0.01 then 'refunded' when u4 < 0.02 then 'cancelled' when u4 < 0.03 then 'partially_refunded' else 'paid' end
      from (
        select i, u2, u3, u4, (floor(${buyers}::int * power(u1, 1.6))::bigint * 7919 + 12345) % ${buyers}::int as b,
          (20000 + floor(power(u3, 2) * 1500000))::bigint as amount
        from (${orderDraws(from, to)}) draws
      ) o
      where extract(dow from (${benchAsOfDay}::date - floor(u2 * 730)::int)) <> 0 or u4 > 0.4
      returning customer_id, order_id, amount_minor)
    insert into order_line (customer_id, order_id, line_no, category, quantity, unit_price_minor)
    select customer_id, order_id, 1, (array['Coffee', 'Bakery', 'Tea', 'Snacks', 'Merchandise', 'Beans', 'Cakes', 'Gifts'])[1 + order_id % 8], 1, amount_minor
    from inserted`.execute(db);
}
