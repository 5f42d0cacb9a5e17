import { readFileSync, rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importDefaults, scratchFiles } from '../../../../test/helpers/import-files.js';
import { describeEachStore } from '../../../../test/helpers/stores.js';
import { servePageRequestsAsAdmin } from '../../../../test/helpers/page-requests.js';
import { fixedClock } from '../../../core/clock.js';
import { importFile } from '../../../ingest/import-file.service.js';
import { findPreset } from '../../../ingest/presets/index.js';
import type { Mapping } from '../../../ingest/rows/fields.js';
import type { IngestEntity, Reject } from '../../api/types.js';
import { suggestMapping } from './import-mapping.js';
import { presetMapping, toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';
import { runImport } from './run-import.js';

// The web import stored invoice 536365 with two of its three lines (and their total) when the
// browser refused its third row, and counted no order rejected; the CLI rejects the invoice whole.
// The same file through both, each under a source of its own: the same orders stored, the same counts and rejects.
const uciText = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,85123A,HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom',
  '536365,84406B,CUPID HEARTS COAT HANGER,8,2010-12-01 08:26:00,2,75,17850.0,United Kingdom',
  '536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850.0,United Kingdom',
  '536366,22632,HAND WARMER RED POLKA DOT,6,2010-12-01 08:28:00,1.85,,United Kingdom',
  '536367,84879,BIRD ORNAMENT,32,2010-12-01 08:34:00,1.69,13047.0,United Kingdom',
  '536368,22960,JAM MAKING SET,6,2010-12-01 08:34:00,4.25,13047.0,United Kingdom,x',
  '536365.0,22752,BABUSHKA NESTING BOXES,2,2010-12-01 08:26:00,7.65,17850.0,United Kingdom',
  '536369,21756,BATH BUILDING BLOCK WORD,3,2010-12-01 08:35:00,5.95,13047.0,United Kingdom',
  // a bad unit price the server refuses: in a batch, it rejects its order whole there too
  '536370,22086,PAPER CHAIN KIT,2,2010-12-01 08:45:00,2.55,12583.0,France',
  '536370,21731,RED TOADSTOOL LED NIGHT LIGHT,24,2010-12-01 08:45:00,abc,12583.0,France',
].join('\n');

const fixtures = new URL('../../../../test/fixtures/ingest/', import.meta.url);

const files = scratchFiles('web-import-parity');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

describeEachStore('the web import of a file against the CLI\'s', (context) => {
  const preset = findPreset('uci-online-retail');
  // one clock for both imports, at which the test session is alive
  const clock = fixedClock(new Date());

  beforeAll(async () => {
    await sql`insert into currency_rate (currency, rate_to_store) values ('GBP', 20000) on conflict (currency) do nothing`.execute(context.store.db);
  });
  // the page's own requests, answered by the real server: runImport's fetch goes to app.inject
  servePageRequestsAsAdmin(context, clock);

  const storedOrders = async (source: string) => (await sql<{ external_id: string; total_minor: number; lines: number }>`
    select o.external_id, o.total_minor::int as total_minor, count(l.line_no)::int as lines
    from customer_order o left join order_line l on l.customer_id = o.customer_id and l.order_id = o.order_id
    where o.source = ${source} group by o.external_id, o.total_minor order by o.external_id`.execute(context.store.db)).rows;
  const runCounts = async (importId: number) => (await sql`
    select status, read_count, inserted_count, rejected_count, order_inserted_count, order_rejected_count from import_run where import_id = ${importId}`.execute(context.store.db)).rows[0];
  type Said = Pick<Reject, 'line' | 'field' | 'code' | 'params' | 'reason'> & { column?: string; also?: unknown };
  const rejectsOf = (rejects: readonly Said[]) =>
    rejects.map(({ line, field, column, code, params, reason, also }) => ({ line, field, column, code, params, reason, also })).sort((a, b) => a.line - b.line);

  it('stores the same orders and reports the same rows, orders and rejects for a UCI file with a refused line row', async () => {
    const cli = await importFile(context.store.db, { ...importDefaults, clock, entity: 'orders', file: files.file('online_retail.csv', `${uciText}\n`), preset: 'uci-online-retail', source: 'cli-run' });

    const csv = readCsvText(`${uciText}\n`, 'online_retail.csv');
    const rows = toLineRecords(csv, presetMapping(preset, csv.headers), { entity: 'orders', preset });
    const request = { entity: 'orders' as const, source: 'web-run', dateFormat: preset.dateFormat ?? null, fileName: csv.fileName, preset: preset.name };
    const web = await runImport(request, rows, () => {}, new AbortController().signal);

    expect(await storedOrders('web-run')).toEqual(await storedOrders('cli-run'));
    // 536365 and 536370 rejected whole, 536368 refused; 536366 stored without its row the preset refused, as the CLI stores it
    expect((await storedOrders('cli-run')).map((order) => [order.external_id, order.lines])).toEqual([['536366', 1], ['536367', 1], ['536369', 1]]);
    const counts = ({ read, inserted, updated, unchanged, rejected, orders }: Pick<typeof web, 'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'orders'>) => ({ read, inserted, updated, unchanged, rejected, orders });
    expect(counts(web)).toEqual(counts(cli));
    expect(counts(cli)).toEqual({ read: 11, inserted: 3, updated: 0, unchanged: 0, rejected: 8, orders: { inserted: 3, updated: 0, unchanged: 0, rejected: 3 } });
    // the reasons name the file's column beside the field ("UnitPrice (unit_price) …"), the CLI's and the web's alike, although the
    // web app sends its rows as records under canonical names: it names the columns it mapped (reject-columns.ts)
    expect(cli.rejectsSample.find((reject) => reject.code === 'AMOUNT_UNREADABLE')).toMatchObject({ column: 'UnitPrice', reason: expect.stringMatching(/^UnitPrice \(unit_price\) "abc"/) });
    expect(web.rejects.find((reject) => reject.code === 'CUSTOMER_MISSING')).toMatchObject({ column: 'CustomerID' });
    expect(rejectsOf(web.rejects)).toEqual(rejectsOf(cli.rejectsSample));
    // the runs as the list of imports keeps them
    const [{ import_id: webImportId }] = (await sql<{ import_id: number }>`select max(import_id)::int as import_id from import_run`.execute(context.store.db)).rows;
    expect(webImportId).toBeGreaterThan(cli.importId);
    expect(await runCounts(webImportId)).toEqual(await runCounts(cli.importId));
  });
  // The same file through both by its own columns (no preset): the CLI's import with `mapping`, the page's with the same mapping.
  const importBothWays = async (entity: IngestEntity, fileName: string, text: string, mapping: Mapping, source: string) => {
    const cli = await importFile(context.store.db, { ...importDefaults, clock, entity, file: files.file(fileName, text), mapping, readsColumnsAsNamed: true, source: `cli-${source}` });
    const rows = toLineRecords(readCsvText(text, fileName), mapping, { entity });
    const web = await runImport({ entity, source: `web-${source}`, dateFormat: null, fileName }, rows, () => {}, new AbortController().signal);
    const [{ import_id: webImportId }] = (await sql<{ import_id: number }>`select max(import_id)::int as import_id from import_run`.execute(context.store.db)).rows;
    return { cli, web, cliRun: await runCounts(cli.importId), webRun: await runCounts(webImportId) };
  };
  const counts = ({ read, inserted, updated, unchanged, rejected, orders }: { read: number; inserted: number; updated: number; unchanged: number; rejected: number; orders?: unknown }) =>
    ({ read, inserted, updated, unchanged, rejected, orders });

  it('rejects an order\'s later product rows of a Shopee export imported by its column names, as the CLI does, not counting them unchanged', async () => {
    const text = readFileSync(new URL('shopee-orders.csv', fixtures), 'utf8');
    const csv = readCsvText(text, 'shopee-orders.csv');
    // the page's own guess: the product columns are left unread, each row read as a whole order
    const { mapping } = suggestMapping('orders', csv.headers, csv.rows);
    expect(mapping).not.toHaveProperty('unit_price');
    const { cli, web, cliRun, webRun } = await importBothWays('orders', 'shopee-orders.csv', text, mapping, 'shopee-by-names');
    expect(cli.rejectsSample).toContainEqual(expect.objectContaining({ line: 3, field: 'order_id', code: 'ORDER_DUPLICATE_IN_FILE', params: { order: '2511015ABCD123', firstLine: 2, column: 'SKU Induk', value: 'GULA-AREN', firstValue: 'KOPI-GAYO' } }));
    expect(rejectsOf(web.rejects)).toEqual(rejectsOf(cli.rejectsSample));
    expect(counts(web)).toEqual(counts(cli));
    expect(cli.unchanged).toBe(0);
    expect(await storedOrders('web-shopee-by-names')).toEqual(await storedOrders('cli-shopee-by-names'));
    expect(webRun).toEqual(cliRun);
  });

  it('names the refund\'s column for no order totalled from its lines, nor any column for a customer with no identity, as the CLI does', async () => {
    const orders = await importBothWays('orders', 'refunds.csv', [
      'Nr,Kunde,Datum,Preis,Menge,Rueckerstattung',
      'R1,K1,2024-06-01T10:00:00Z,5,1,20',
      'R1,K1,2024-06-01T10:00:00Z,3,1,20',
      'R2,K1,2024-06-02T10:00:00Z,5,2,',
    ].join('\n'), { order_id: 'Nr', customer_id: 'Kunde', ordered_at: 'Datum', unit_price: 'Preis', quantity: 'Menge', refunded_amount: 'Rueckerstattung' }, 'refunds');
    expect(orders.cli.rejectsSample.map((reject) => [reject.line, reject.code, reject.column])).toEqual([[2, 'REFUND_EXCEEDS_TOTAL', undefined], [3, 'REFUND_EXCEEDS_TOTAL', undefined]]);
    expect(rejectsOf(orders.web.rejects)).toEqual(rejectsOf(orders.cli.rejectsSample));
    expect(counts(orders.web)).toEqual(counts(orders.cli));

    const customers = await importBothWays('customers', 'people.csv', ['Kunde,Mail,Name', 'K7,,Anna', ',,Nobody'].join('\n'),
      { customer_id: 'Kunde', email: 'Mail', name: 'Name' }, 'people');
    expect(customers.cli.rejectsSample).toEqual([expect.objectContaining({ line: 3, field: 'customer_id', code: 'CUSTOMER_IDENTITY_MISSING' })]);
    expect(customers.cli.rejectsSample[0]).not.toHaveProperty('column');
    expect(rejectsOf(customers.web.rejects)).toEqual(rejectsOf(customers.cli.rejectsSample));
    expect(counts(customers.web)).toEqual(counts(customers.cli));
  });
});
