import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { typesAsOf, typesFixture } from '../../test/fixtures/analytics/types-fixture.js';
import { analyze } from '../analytics/index.js';
import { openStore, type Store } from './client.js';
import { migrate } from './migrate.js';
import type { Database } from './schema.js';
import { createScratchSchema } from './scratch-schema.js';

const serverUrl = process.env.TEST_DATABASE_URL;

/** Stored types, as comparable rows. */
async function storedTypes(db: Kysely<Database>) {
  const result = await sql<{ customer_id: number; types: string[]; numbers: unknown; as_of: Date }>`
    select customer_id, types, numbers, as_of from customer_type order by customer_id`.execute(db);
  return result.rows.map((row) => ({ ...row, as_of: row.as_of.toISOString() }));
}

// Only a server can be configured with other output styles: the embedded store is always PostgreSQL's default.
describe.skipIf(!serverUrl)('a server whose sessions default to other date styles, float digits, time zone and isolation', () => {
  const stores: Array<{ store: Store; drop: () => Promise<void> }> = [];

  async function storeWith(styles: string): Promise<Store> {
    const scratch = await createScratchSchema(serverUrl!, 'test_styles');
    // the URL's own options, as a deployment might give them; the schema comes from them too
    const url = new URL(scratch.url);
    url.searchParams.set('options', `${url.searchParams.get('options')} ${styles}`);
    const store = await openStore(url.toString());
    stores.push({ store, drop: scratch.drop });
    await migrate(store);
    return store;
  }

  let european: Store;
  let standard: Store;
  beforeAll(async () => {
    european = await storeWith('-c DateStyle=SQL,DMY -c IntervalStyle=sql_standard -c default_transaction_isolation=serializable -c TimeZone=Pacific/Kiritimati -c extra_float_digits=0 -c standard_conforming_strings=off');
    standard = await storeWith('');
  }, 120_000);
  afterAll(async () => {
    for (const { store, drop } of stores) {
      await store.close();
      await drop();
    }
  });

  it('reads times, days, intervals and floats as they are, in the schema the URL names, read committed', async () => {
    const db = european.db;
    const row = (await sql<{ at: Date; day: string; span: unknown; sum: number; json: unknown; text: string; schema: string; style: string; isolation: string }>`
      select '2026-06-30 17:00:00+00'::timestamptz as at, '2026-06-30'::date::text as day, interval '1 day 02:00' as span,
        0.1::float8 + 0.2::float8 as sum, json_build_object('cv', 1::float8 / 3) as json, 'a\\b' as text,
        current_schema() as schema, current_setting('DateStyle') as style, current_setting('transaction_isolation') as isolation`.execute(db)).rows[0];
    expect(row.at.toISOString()).toBe('2026-06-30T17:00:00.000Z');
    expect(row.day).toBe('2026-06-30');
    expect(row.span).toMatchObject({ days: 1, hours: 2 });
    // floats in full, as JavaScript computes them
    expect(row.sum).toBe(0.1 + 0.2);
    expect(row.json).toEqual({ cv: 1 / 3 });
    expect(row.text).toBe('a\\b');
    expect(row.schema).toMatch(/^test_styles_/);
    expect(row.style).toBe('ISO, MDY');
    expect(row.isolation).toBe('read committed');
  });

  it('analyses a store exactly as on a server with the default styles', async () => {
    for (const store of [european, standard]) {
      await seedStore(store.db, typesFixture);
      await analyze(store.db, { asOf: typesAsOf });
    }
    const expected = await storedTypes(standard.db);
    expect(expected.length).toBe(typesFixture.customerIds.length);
    expect(await storedTypes(european.db)).toEqual(expected);
  });
});
