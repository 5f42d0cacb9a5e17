import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { importDefaults, scratchFiles } from '../../../../test/helpers/import-files.js';
import { describeEachStore } from '../../../../test/helpers/stores.js';
import { servePageRequestsAsAdmin } from '../../../../test/helpers/page-requests.js';
import { fixedClock } from '../../../core/clock.js';
import { importFile } from '../../../ingest/import-file.service.js';
import { maskedPhonesNote } from '../../../ingest/rows/index.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { suggestMapping } from './import-mapping.js';
import { toLineRecords } from './import-rows.js';
import { importSummaryLines } from './import-summary.js';
import { readCsvText } from './parse-csv.js';
import { batchSize, runImport } from './run-import.js';

// A Shopee export whose buyers are known by their username, their phones masked: the CLI said how many
// rows had a masked phone and the web import said nothing. The same file through both, over several
// web batches (the masked rows in the second and third), answers the same count and example.
const rowCount = batchSize * 2 + 100;
const maskedLines = new Map([[batchSize + 40, '0812-3456-7***'], [batchSize + 41, '******7890'], [batchSize * 2 + 7, '628******123']]);
const shopeeText = [
  'No. Pesanan,Username (Pembeli),No. Telepon,Waktu Pesanan Dibuat,Total Pembayaran',
  ...Array.from({ length: rowCount }, (_, index) => {
    const line = index + 2;
    // the row of line 60 is known only by its masked phone: a reject, not counted among the ignored
    if (line === 60) return `S${line},,0812-1111-2***,2026-11-01 10:00,10000`;
    return `S${line},buyer_${line % 50},${maskedLines.get(line) ?? ''},2026-11-01 10:00,10000`;
  }),
].join('\n');

const files = scratchFiles('web-masked-phones-parity');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

describeEachStore('the masked phones a web import ignored, against the CLI\'s', (context) => {
  // one clock for both imports, at which the test session is alive
  const clock = fixedClock(new Date());

  // the page's own requests, answered by the real server: runImport's fetch goes to app.inject
  servePageRequestsAsAdmin(context, clock);

  it('counts the rows of a file sent in three batches whose masked phone was ignored, names the first by its line, and says it as the CLI does', async () => {
    const csv = readCsvText(`${shopeeText}\n`, 'shopee.csv');
    const { mapping } = suggestMapping('orders', csv.headers, csv.rows);
    expect(mapping).toMatchObject({ customer_id: 'Username (Pembeli)', customer_phone: 'No. Telepon' });
    // the columns named as the page maps them, read so as asked (--no-preset): a Shopee export given no preset is refused (IMPORT_PRESET_NEEDED)
    const cli = await importFile(context.store.db, { ...importDefaults, clock, entity: 'orders', file: files.file('shopee.csv', `${shopeeText}\n`), source: 'cli-masked', mapping, readsColumnsAsNamed: true });
    const web = await runImport({ entity: 'orders', source: 'web-masked', dateFormat: null, fileName: csv.fileName }, toLineRecords(csv, mapping, { entity: 'orders' }), () => {}, new AbortController().signal);

    expect(cli.maskedPhones).toEqual({ rows: 3, first: { line: batchSize + 40, field: 'customer_phone', value: '0812-3456-7***' } });
    expect(web.maskedPhones).toEqual(cli.maskedPhones);
    expect({ read: web.read, inserted: web.inserted, rejected: web.rejected }).toEqual({ read: cli.read, inserted: cli.inserted, rejected: cli.rejected });
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);
    expect(importSummaryLines(web, rowCount, t, createFormatters(intlTagByLocale.en, null, 'UTC'), 'en')).toContain(`${maskedPhonesNote(cli.maskedPhones)}.`);
  }, 120_000);
});
