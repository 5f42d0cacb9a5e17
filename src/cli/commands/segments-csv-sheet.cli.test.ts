import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { membersCsvWorkspace, runCliOutput, storedPeople } from '../../../test/helpers/members-csv-cli.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';
import { readRecords } from '../../ingest/readers/read-records.js';

// The sheet form of `segments members --csv` is opened in a spreadsheet: a phone number there must keep
// its + (and a local number its 0), times must be the store's clock as the web app's sheet writes them
// (Calc keeps UTC ISO as text), and P(alive) two decimals. The importer still reads its phones.
const customers = [
  { customer_id: 'id1', name: 'Dimas Rahayu', email: 'dimas@example.com', phone: '+6288222773951', city: 'Bekasi', created_at: '2026-06-30T07:29:35Z' },
  { customer_id: 'id2', name: 'Sri Wahyuni', email: 'sri@example.com', phone: '0812-3456-7890', city: 'Bekasi', created_at: '2026-06-30T17:05:00Z' },
  { customer_id: 'id3', name: 'Budi', email: 'budi@example.com', city: 'Bekasi' },
];

describeEachCliStore('clientele segments members --csv, the sheet form', (context) => {
  const workspace = membersCsvWorkspace(context.kind, 'clientele-members-sheet-');

  it("writes phones as text, times on the store's clock and P(alive) rounded; the re-import form keeps them exact; the sheet's phones import again", async () => {
    let dimasId = 0;
    await context.withStore(async (store) => {
      await ingestRecords(store.db, 'customers', customers, { actor: 'test', clock: fixedClock('2026-07-01T00:00:00Z') });
      dimasId = Number((await sql<{ customer_id: number }>`select customer_id from customer where email = 'dimas@example.com'`.execute(store.db)).rows[0].customer_id);
      const fit = await store.db.insertInto('model_fit').values({
        model: 'bgnbd', unit: 'week', calibration_end: '2026-06-30', params: '{}', log_likelihood: 0, converged: true, iterations: 1, gradient_norm: 0, bic: 0, customers: 1,
      }).returning('model_fit_id').executeTakeFirstOrThrow();
      await store.db.insertInto('customer_prediction').values({
        customer_id: dimasId, model_fit_id: Number(fit.model_fit_id), p_alive: 0.6590166715389049, expected_purchases_90d: 1, clv_minor: 1420945, clv_horizon_days: 365, next_purchase_day: '2026-07-10', churn_risk: 'medium', as_of: '2026-06-30',
      }).execute();
    });
    await runCliOutput(context.db, 'segments', 'create', 'Bekasi', '--filter', '{"field": "city", "op": "eq", "value": "Bekasi"}');

    const sheet = join(workspace.directory, `sheet-${context.kind}.csv`);
    expect(await runCliOutput(context.db, 'segments', 'members', 'Bekasi', '--csv', sheet)).toContain('Wrote 3 members');
    const text = await readFile(sheet, 'utf8');
    // the store's zone is Asia/Jakarta (UTC+7), a new store's default
    expect(text).toContain(',dimas@example.com,"=""+6288222773951""",Bekasi,');
    expect(text).toContain(',sri@example.com,"=""+6281234567890""",Bekasi,');
    expect(text).toContain(',budi@example.com,,Bekasi,');
    const rows: Array<Record<string, string | null>> = [];
    for await (const item of await readRecords(sheet)) if (item.kind === 'record') rows.push(item.values);
    const dimas = rows.find((row) => row.email === 'dimas@example.com')!;
    expect(dimas).toMatchObject({ phone: '="+6288222773951"', created_at: '2026-06-30 14:29', p_alive: '0.66', clv_minor: '1420945' });
    expect(rows.find((row) => row.email === 'sri@example.com')).toMatchObject({ created_at: '2026-07-01 00:05', p_alive: null });
    expect(dimas.entered_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // the re-import form: every value as stored
    const reimport = join(workspace.directory, `reimport-${context.kind}.csv`);
    await runCliOutput(context.db, 'segments', 'members', 'Bekasi', '--csv', reimport, '--csv-form', 'reimport');
    const exact = await readFile(reimport, 'utf8');
    expect(exact).toContain(',dimas@example.com,+6288222773951,Bekasi,');
    expect(exact).toContain(',2026-06-30T07:29:35.000Z,');
    expect(exact).toContain(',0.6590166715389049,medium,');

    // a sheet imported all the same (it is not the form for that) gives each the same phone number
    const imported = JSON.parse(await runCliOutput(workspace.fresh.db, '--json', 'import', 'customers', sheet));
    expect(imported).toMatchObject({ read: 3, rejected: 0 });
    expect(await storedPeople(workspace.fresh.db)).toEqual(await storedPeople(context.db));
  }, 240_000);
});
