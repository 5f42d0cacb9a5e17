import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importDefaults } from '../../../../test/helpers/import-files.js';
import { createTestStore, describeEachStore } from '../../../../test/helpers/stores.js';
import { servePageRequestsAsAdmin } from '../../../../test/helpers/page-requests.js';
import { fixedClock } from '../../../core/clock.js';
import type { Database } from '../../../db/schema.js';
import type { Store } from '../../../db/client.js';
import { importFile } from '../../../ingest/import-file.service.js';
import { findPreset } from '../../../ingest/presets/index.js';
import { presetMapping, toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';
import { runImport } from './run-import.js';

// A marketplace export imported on the web gives its buyers the places the CLI gives them. Each into
// a store of its own: Tokopedia's buyers are known by phone, which would find the other import's customers.
const fixtures = new URL('../../../../test/fixtures/ingest/', import.meta.url);
const marketplaces = [['shopee-orders', 'shopee-orders.csv'], ['tokopedia-orders', 'tokopedia-orders.csv']] as const;

describeEachStore('the buyer\'s place of a marketplace export imported on the web against the CLI', (context) => {
  const clock = fixedClock(new Date());
  let cliStore: { store: Store; dispose: () => Promise<void> } | undefined;

  beforeAll(async () => {
    cliStore = await createTestStore(context.kind);
  }, 240_000);
  afterAll(async () => cliStore?.dispose());
  // the page's own requests, answered by the real server: runImport's fetch goes to app.inject
  servePageRequestsAsAdmin(context, clock);

  const buyersPlaces = async (db: Kysely<Database>, source: string) => (await sql<{ external_id: string; city: string | null; region: string | null; country: string | null }>`
    select o.external_id, c.city, c.region, c.country from customer_order o join customer c on c.customer_id = o.customer_id
    where o.source = ${source} order by o.external_id`.execute(db)).rows;

  it.each(marketplaces)('gives the buyers of a %s export the places the CLI gives them', async (name, fileName) => {
    const preset = findPreset(name);
    const text = readFileSync(new URL(fileName, fixtures), 'utf8');
    await importFile(cliStore!.store.db, { ...importDefaults, clock, entity: 'orders', file: new URL(fileName, fixtures).pathname, preset: name, source: name });

    const csv = readCsvText(text, fileName);
    const rows = toLineRecords(csv, presetMapping(preset, csv.headers), { entity: 'orders', preset });
    await runImport({ entity: 'orders', source: name, dateFormat: preset.dateFormat ?? null, fileName, preset: name }, rows, () => {}, new AbortController().signal);

    const web = await buyersPlaces(context.store.db, name);
    expect(web).toEqual(await buyersPlaces(cliStore!.store.db, name));
    expect(web.length).toBeGreaterThan(4);
    expect(web.every((buyer) => buyer.city !== null && buyer.region !== null)).toBe(true);
  });
});
