import { beforeAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

// Counts of a thousand and more are grouped in every human output, as the reports write them (23,570).
describeEachCliStore('clientele customers list and segments preview, counts grouped by thousands', (context) => {
  const run = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    if (result.error) throw result.error;
    return result.stdout;
  };

  beforeAll(async () => {
    const customers = Array.from({ length: 1_234 }, (_, index) => ({ customer_id: `G${index}`, email: `grouped${index}@example.com`, city: index < 1_001 ? 'Medan' : 'Solo' }));
    await context.withStore((store) => ingestRecords(store.db, 'customers', customers, { actor: 'test', clock: fixedClock('2024-06-21T00:00:00Z') }));
  }, 240_000);

  it('writes "1 shown of 1,234 customers" under a customer list', async () => {
    expect(await run('customers', 'list', '--limit', '1')).toMatch(/^1 shown of 1,234 customers$/m);
  }, 120_000);

  it('writes the count and total of a segment preview grouped', async () => {
    const printed = await run('segments', 'preview', '--filter', '{"field": "city", "op": "eq", "value": "Medan"}', '--sample', '0');
    expect(printed).toMatch(/^1,001 of 1,234 customers \(81\.1%\) in \d+ ms\n$/);
  }, 120_000);
});
