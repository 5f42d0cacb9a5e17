import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { updateStoreSettings } from '../settings/index.js';
import { formatSummary } from '../cli/commands/import-run.js';
import { importFile } from './import-file.service.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-date-format-inferred-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const clock = fixedClock('2026-12-04T10:00:00Z');

/** An Indonesian shop's export: day first, with slashes, as Excel writes it there. */
function writeOrders(name: string, dates: string[]): string {
  const file = join(directory, name);
  const rows = dates.map((date, index) => `${name}-${index + 1},P${index + 1},${date},150000`);
  writeFileSync(file, ['No Pesanan,Pelanggan,Tanggal,Total', ...rows, ''].join('\n'));
  return file;
}

const orderedAt = async (db: Kysely<Database>, externalId: string) =>
  (await db.selectFrom('customer_order').select('ordered_at').where('external_id', '=', externalId).executeTakeFirstOrThrow()).ordered_at;

describeEachStore('an orders file imported without a date format', (context) => {
  const db = () => context.store.db;

  beforeAll(async () => {
    await updateStoreSettings(db(), { timezone: 'Asia/Jakarta' });
  });

  it('reads its day-first dates when one of them can only be day first, and says so', async () => {
    const file = writeOrders('day-first', ['08/10/2026', '25/11/2026', '23/03/2026', '01/02/2026 ']);
    const summary = await importFile(db(), { entity: 'orders', file, actor: 'test', clock, rejectsPath: null });
    expect(summary.rejectCounts).toEqual([]);
    expect(summary.inserted).toBe(4);
    expect(summary.inferredDateFormat).toEqual({ format: 'dd/MM/yyyy', inferredFrom: '25/11/2026', otherOrder: 'MM/dd/yyyy', field: 'ordered_at', column: 'Tanggal' });
    // midnight in Jakarta (UTC+7)
    expect(new Date(await orderedAt(db(), 'day-first-1')).toISOString()).toBe('2026-10-07T17:00:00.000Z');
    expect(new Date(await orderedAt(db(), 'day-first-2')).toISOString()).toBe('2026-11-24T17:00:00.000Z');
    expect(new Date(await orderedAt(db(), 'day-first-4')).toISOString()).toBe('2026-01-31T17:00:00.000Z');
    expect(formatSummary(summary)).toContain('Dates (ordered_at, column "Tanggal") read as dd/MM/yyyy (25/11/2026 can only be day first); if that is wrong, import again with --date-format MM/dd/yyyy');
  });

  it('still rejects dates that could be day or month first, naming the formats to try', async () => {
    const file = writeOrders('ambiguous', ['08/10/2026', '01/02/2026']);
    const summary = await importFile(db(), { entity: 'orders', file, actor: 'test', clock, rejectsPath: null });
    expect(summary.inferredDateFormat).toBeNull();
    expect(summary.rejected).toBe(2);
    expect(summary.rejectCounts.map(({ code }) => code)).toEqual(['DATE_UNREADABLE']);
    expect(summary.rejectCounts[0].first?.reason).toContain('--date-format');
    expect(summary.rejectCounts[0].first?.reason).toContain('dd/MM/yyyy (or MM/dd/yyyy if the month comes first)');
  });

  it('uses the date format given over the one its dates show', async () => {
    const file = writeOrders('given', ['25/11/2026', '11/10/2026']);
    const summary = await importFile(db(), { entity: 'orders', file, dateFormat: 'MM/dd/yyyy', actor: 'test', clock, rejectsPath: null });
    expect(summary.inferredDateFormat).toBeNull();
    expect(summary.rejectCounts.map(({ code, rows }) => [code, rows])).toEqual([['DATE_NOT_ON_CALENDAR', 1]]);
    expect(new Date(await orderedAt(db(), 'given-2')).toISOString()).toBe('2026-11-09T17:00:00.000Z');
  });
});
