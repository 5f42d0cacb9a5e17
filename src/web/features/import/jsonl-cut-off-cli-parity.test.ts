import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { importDefaults, scratchFiles } from '../../../../test/helpers/import-files.js';
import { describeEachStore } from '../../../../test/helpers/stores.js';
import { servePageRequestsAsAdmin } from '../../../../test/helpers/page-requests.js';
import { fixedClock } from '../../../core/clock.js';
import { importFile } from '../../../ingest/import-file.service.js';
import type { Mapping } from '../../../ingest/rows/fields.js';
import type { IngestEntity, Reject } from '../../api/types.js';
import { toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';
import { readJsonLinesText } from './parse-jsonl.js';
import { blocksImport } from './parse-problems.js';
import { runImport } from './run-import.js';

const files = scratchFiles('web-import-jsonl-parity');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

// The review's two files the page refused or misread and the CLI imports: an orders file cut off in a
// quoted value on its last line, and JSON Lines. Each through both, under a source of its own.
describeEachStore('the web import of a cut-off file and of JSON Lines against the CLI\'s', (context) => {
  const clock = fixedClock(new Date());
  servePageRequestsAsAdmin(context, clock);

  const storedOrders = async (source: string) => (await sql<{ external_id: string; total_minor: number }>`
    select external_id, total_minor::int as total_minor from customer_order where source = ${source} order by external_id`.execute(context.store.db)).rows;
  const runCounts = async (importId: number) => (await sql`
    select status, read_count, inserted_count, rejected_count, order_inserted_count, order_rejected_count from import_run where import_id = ${importId}`.execute(context.store.db)).rows[0];
  const rejectsOf = (rejects: ReadonlyArray<Pick<Reject, 'line' | 'field' | 'code' | 'params'>>) =>
    rejects.map(({ line, field, code, params }) => ({ line, field, code, params })).sort((a, b) => a.line - b.line);
  const counts = ({ read, inserted, updated, unchanged, rejected, orders }: { read: number; inserted: number; updated: number; unchanged: number; rejected: number; orders?: unknown }) =>
    ({ read, inserted, updated, unchanged, rejected, orders });

  const importBothWays = async (entity: IngestEntity, fileName: string, text: string, mapping: Mapping, source: string, dateFormat: string | null) => {
    const cli = await importFile(context.store.db, {
      ...importDefaults, clock, entity, file: files.file(fileName, text), mapping, readsColumnsAsNamed: true, source: `cli-${source}`, ...(dateFormat ? { dateFormat } : {}),
    });
    const csv = fileName.endsWith('.jsonl') ? readJsonLinesText(text, fileName) : readCsvText(text, fileName);
    expect(blocksImport(csv.problems)).toBe(false);
    const web = await runImport({ entity, source: `web-${source}`, dateFormat, fileName }, toLineRecords(csv, mapping, { entity }), () => {}, new AbortController().signal);
    const [{ import_id: webImportId }] = (await sql<{ import_id: number }>`select max(import_id)::int as import_id from import_run`.execute(context.store.db)).rows;
    return { cli, web, cliRun: await runCounts(cli.importId), webRun: await runCounts(webImportId) };
  };
  const mapping = { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', amount: 'amount' };

  it('imports the rows before a quote opened on the last line and rejects that row, as the CLI does', async () => {
    const text = 'order_id;customer_id;ordered_at;amount\nC1;LV1;02.11.2025;10,00\nC3;LV3;03.11.2025;12,00\nC2;"LV2;02.11';
    const { cli, web, cliRun, webRun } = await importBothWays('orders', 'cut-off.csv', text, mapping, 'cut-off', 'dd.MM.yyyy');
    expect(cli.rejectsSample.map((reject) => [reject.line, reject.code])).toEqual([[4, 'ROW_QUOTE_UNCLOSED']]);
    expect(rejectsOf(web.rejects)).toEqual(rejectsOf(cli.rejectsSample));
    expect(counts(web)).toEqual(counts(cli));
    expect(counts(cli)).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect(await storedOrders('web-cut-off')).toEqual(await storedOrders('cli-cut-off'));
    expect(webRun).toEqual(cliRun);
  });

  it('imports JSON Lines as the CLI does: the same orders, counts and rejects', async () => {
    const text = [
      '{"order_id": "J1", "customer_id": "JC1", "ordered_at": "2026-02-05", "amount": 125}',
      '{"order_id": "J2", "customer_id": "JC2", "ordered_at": "2026-02-06", "amount": 45000}',
      '{"order_id": "J3", "customer_id": "JC3",',
      '{"order_id": ["J5"], "customer_id": "JC5", "ordered_at": "2026-02-08", "amount": 1}',
      '{"order_id": "J6", "customer_id": "JC6", "ordered_at": "2026-02-09", "amount": "7", "note": {"gift": true}}',
      '',
    ].join('\n');
    const { cli, web, cliRun, webRun } = await importBothWays('orders', 'orders.jsonl', text, mapping, 'jsonl', null);
    expect(cli.rejectsSample.map((reject) => [reject.line, reject.code])).toEqual([[3, 'ROW_NOT_JSON'], [4, 'FIELD_NOT_SCALAR']]);
    expect(rejectsOf(web.rejects)).toEqual(rejectsOf(cli.rejectsSample));
    expect(counts(web)).toEqual(counts(cli));
    expect(counts(cli)).toMatchObject({ read: 5, inserted: 3, rejected: 2 });
    expect(await storedOrders('web-jsonl')).toEqual(await storedOrders('cli-jsonl'));
    expect(webRun).toEqual(cliRun);
  });
});
