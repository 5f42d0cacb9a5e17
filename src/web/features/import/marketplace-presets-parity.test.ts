import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { importDefaults } from '../../../../test/helpers/import-files.js';
import { describeEachStore } from '../../../../test/helpers/stores.js';
import { servePageRequestsAsAdmin } from '../../../../test/helpers/page-requests.js';
import { fixedClock } from '../../../core/clock.js';
import { importFile } from '../../../ingest/import-file.service.js';
import { findPreset } from '../../../ingest/presets/index.js';
import type { Reject } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { browserPresets, presetMapping, toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';
import { runImport } from './run-import.js';

// The Shopee and Tokopedia presets in the browser: offered by name in each language, and a file
// imported through them stored as the CLI stores it, channel marketplace, returned orders refunded.
const fixtures = new URL('../../../../test/fixtures/ingest/', import.meta.url);
const marketplaces = [['shopee-orders', 'shopee-orders.csv'], ['tokopedia-orders', 'tokopedia-orders.csv']] as const;

it('offers the marketplace presets for orders, each named in English, Indonesian and Latvian', () => {
  const offered = browserPresets('orders').map((preset) => preset.name);
  expect(offered).toEqual(expect.arrayContaining(['shopee-orders', 'tokopedia-orders']));
  for (const locale of ['en', 'id', 'lv'] as const) {
    // a label the page shows; a missing one would show its key
    for (const name of offered) expect(lookupMessage(messagesByLocale[locale], `import.presets.${name}`), `${locale} ${name}`).not.toBe(`import.presets.${name}`);
  }
});

describeEachStore('a marketplace export imported on the web against the CLI', (context) => {
  const clock = fixedClock(new Date());

  // the page's own requests, answered by the real server: runImport's fetch goes to app.inject
  servePageRequestsAsAdmin(context, clock);

  const storedOrders = async (source: string) => (await sql<{ external_id: string; channel: string; status: string; total_minor: number; refunded_minor: number; lines: number }>`
    select o.external_id, o.channel, o.status, o.total_minor::int as total_minor, o.refunded_minor::int as refunded_minor, count(l.line_no)::int as lines
    from customer_order o left join order_line l on l.customer_id = o.customer_id and l.order_id = o.order_id
    where o.source = ${source} group by o.external_id, o.channel, o.status, o.total_minor, o.refunded_minor order by o.external_id`.execute(context.store.db)).rows;
  // whole, each naming the file's column as the CLI's does (reject-columns.ts)
  type Said = Pick<Reject, 'line' | 'field' | 'code' | 'params' | 'reason'> & { column?: string; also?: unknown };
  const rejectsOf = (rejects: readonly Said[]) =>
    rejects.map(({ line, field, column, code, params, reason, also }) => ({ line, field, column, code, params, reason, also })).sort((a, b) => a.line - b.line);

  it.each(marketplaces)('stores a %s export as the CLI does: every order marketplace, the same statuses, totals, lines and rejects', async (name, fileName) => {
    const preset = findPreset(name);
    const text = readFileSync(new URL(fileName, fixtures), 'utf8');
    const cli = await importFile(context.store.db, { ...importDefaults, clock, entity: 'orders', file: new URL(fileName, fixtures).pathname, preset: name, source: `cli-${name}` });

    const csv = readCsvText(text, fileName);
    const rows = toLineRecords(csv, presetMapping(preset, csv.headers), { entity: 'orders', preset });
    const request = { entity: 'orders' as const, source: `web-${name}`, dateFormat: preset.dateFormat ?? null, fileName, preset: name };
    const web = await runImport(request, rows, () => {}, new AbortController().signal);

    const stored = await storedOrders(`web-${name}`);
    expect(stored).toEqual(await storedOrders(`cli-${name}`));
    expect(stored.length).toBeGreaterThan(4);
    expect(new Set(stored.map((order) => order.channel))).toEqual(new Set(['marketplace']));
    expect(rejectsOf(web.rejects)).toEqual(rejectsOf(cli.rejectsSample));
    expect(web).toMatchObject({ read: cli.read, rejected: cli.rejected, orders: cli.orders });
  });

  it('keeps a Shopee order its buyer returned refunded on the web too', async () => {
    expect((await storedOrders('web-shopee-orders')).filter((order) => order.status === 'refunded').map((order) => order.external_id)).toEqual(['2511032EFGH456', '2511128CDEF234']);
  });
});
