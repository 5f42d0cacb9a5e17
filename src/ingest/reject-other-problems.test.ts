import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, type AuthHeaders } from '../../test/helpers/auth.js';
import { formatRejectCounts } from '../cli/commands/import-rejects.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { importFile } from './import-file.service.js';

// A row with several problems names them all, so one pass over the rejects fixes it; it is still
// one rejected row, counted under its first problem's code.
const directory = mkdtempSync(join(tmpdir(), 'clientele-reject-other-problems-'));
const clock = fixedClock('2024-12-31T00:00:00Z');

describeEachStore('a rejected row names all its problems', (context) => {
  let app: FastifyInstance;
  let headers: AuthHeaders;
  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    headers = (await createTestApiKey(context.store, ['ingest'], 'other-problems')).headers;
  });
  afterAll(async () => app?.close());

  it('lists every problem of a row in the rejects file and the CLI summary, counting the row once under its first code', async () => {
    const file = join(directory, `orders-${context.kind}.csv`);
    writeFileSync(file, [
      'order_id,customer_id,ordered_at,amount,currency,channel',
      'MP-1,C1,2024-03-01,10.00,IDR,web',
      'MP-2,C1,2024-02-31,12..50,IDR,carrier pigeon',
      'MP-3,C2,2024-03-02,7.5,RUPIAH,store',
      'MP-4,C2,2024-03-03,oops,IDR,web',
    ].join('\n') + '\n');
    const rejectsPath = `${file}.rejects.csv`;
    const summary = await importFile(context.store.db, { entity: 'orders', file, source: 'other-problems', actor: 'test', clock, rejectsPath });
    expect(summary).toMatchObject({ read: 4, inserted: 1, rejected: 3 });
    // one row each, under its first problem: the amount of MP-2 and the currency of MP-3 are counted nowhere
    expect(summary.rejectCounts.map(({ code, rows }) => [code, rows]).sort()).toEqual([['AMOUNT_UNREADABLE', 1], ['CURRENCY_UNKNOWN', 1], ['DATE_NOT_ON_CALENDAR', 1]]);

    const rejects = parse(readFileSync(rejectsPath, 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(Object.keys(rejects[0])).toEqual(['file', 'line', 'field', 'reason', 'raw']);
    expect(rejects.map(({ line, field }) => [line, field])).toEqual([['3', 'ordered_at'], ['4', 'currency'], ['5', 'amount']]);
    const [mp2, mp3, mp4] = rejects.map(({ reason }) => reason);
    expect(mp2).toMatch(/^ordered_at "2024-02-31" .*; also amount "12\.\.50" .*; also channel "carrier pigeon" is not one of/);
    // the currency unknown, how many decimals the amount may have is unknown too: 7.5 is no problem named
    expect(mp3).toMatch(/^currency "RUPIAH" /);
    expect(mp3).not.toContain('also');
    expect(mp4).not.toContain('also');

    expect(summary.rejectsSample.find((reject) => reject.line === 3)?.also?.map(({ field, code }) => [field, code])).toEqual([['amount', 'AMOUNT_UNREADABLE'], ['channel', 'VALUE_NOT_ALLOWED']]);
    const printed = formatRejectCounts(summary).join('\n');
    expect(printed).toMatch(/DATE_NOT_ON_CALENDAR .* line 3 \[ordered_at\]: ordered_at "2024-02-31" .*; also amount "12\.\.50" .*; also channel "carrier pigeon" /);
    expect(printed).toMatch(/AMOUNT_UNREADABLE .* line 5 \[amount\]: amount "oops" [^\n]*$/m);
    expect(printed.match(/AMOUNT_UNREADABLE[^\n]*/)![0]).not.toContain('also');
  });

  it('gives an API batch\'s reject its other problems with their codes, fields and params', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/ingest/customers', headers,
      payload: { source: 'other-problems', records: [
        { customer_id: 'AP-1', email: 'ap1@example.com' },
        { customer_id: 'AP-2', email: 'not-an-email', country: 'Atlantis', consent_email: 'maybe' },
        { customer_id: 'AP-3', email: 'ap3@example.com', country: 'Narnia' },
      ] },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
    expect(body.rejects).toHaveLength(2);
    const [first, second] = body.rejects;
    expect(first).toMatchObject({ line: 2, field: 'email', code: 'EMAIL_INVALID', params: { field: 'email', value: 'not-an-email' } });
    expect(first.also).toEqual([
      { field: 'country', code: 'COUNTRY_UNKNOWN', params: { value: 'Atlantis' }, reason: expect.stringContaining('country "Atlantis"') },
      { field: 'consent_email', code: 'BOOLEAN_INVALID', params: { field: 'consent_email', value: 'maybe' }, reason: expect.stringContaining('consent_email "maybe" is not yes/no') },
    ]);
    expect(second).toMatchObject({ line: 3, code: 'COUNTRY_UNKNOWN' });
    expect(second).not.toHaveProperty('also');
  });
});
