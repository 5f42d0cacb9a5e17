import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

describeEachCliStore('clientele segments members: pages as the API pages them, files as the web app writes them', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };

  it('names the next page nextCursor as the API does, keeps next, and starts a CSV file with the UTF-8 byte order mark', async () => {
    await context.withStore(async (store) => {
      await ingestRecords(store.db, 'customers', ['A', 'B', 'C'].map((id) => ({ customer_id: id, name: `Customer ${id}`, city: 'Rīga' })), { actor: 'test', clock: fixedClock('2026-07-01T00:00:00Z') });
    });
    await run('segments', 'create', 'Riga', '--filter', '{"field": "city", "op": "eq", "value": "riga"}');

    const first = JSON.parse(await run('--json', 'segments', 'members', 'Riga', '--limit', '2'));
    expect(first.items).toHaveLength(2);
    expect(first.next).toBe(first.items[1].customer_id);
    // the API's opaque cursor, not the bare customer id it continues after
    expect(first.nextCursor).not.toBe(String(first.next));
    const last = JSON.parse(await run('--json', 'segments', 'members', 'Riga', '--limit', '2', '--after', first.nextCursor));
    expect(last.items).toHaveLength(1);
    expect(last).toMatchObject({ nextCursor: null, next: null });
    expect(await run('segments', 'members', 'Riga', '--limit', '2')).toContain(`more: --after ${first.nextCursor}`);

    // Excel reads a file without the mark in the system's legacy code page: "Rīga" would show as "RÄ«ga"
    const file = join(tmpdir(), `clientele-members-${process.pid}-${Date.now()}.csv`);
    try {
      await run('segments', 'members', 'Riga', '--csv', file);
      const bytes = await readFile(file);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      expect(text.startsWith('customer_id,')).toBe(true);
      expect(text.split('\r\n').filter((line) => line.includes(',Rīga,'))).toHaveLength(3);
    } finally {
      await rm(file, { force: true });
    }
  }, 180_000);
});
