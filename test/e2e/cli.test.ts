import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { runCli } from '../helpers/cli.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { suggestedCommand } from '../helpers/suggested-command.js';
import { openStore } from '../../src/db/client.js';
import { minorUnitsOf } from '../../src/core/money.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/store/${name}`, import.meta.url));
const workDir = mkdtempSync(join(tmpdir(), 'clientele-cli-'));
const storeDir = join(workDir, 'store');
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** A command on the shared store run in this process, with main.ts's exit code and error printing. */
const inProcess = async (args: string[]) => {
  const result = await runCliInProcess(storeDir, args);
  return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
};

// Each case starts the real binary (several seconds each on a busy machine); the listing's many commands run in this process.
describe('clientele CLI', { timeout: 240_000 }, () => {
  it('creates and migrates a new embedded store and imports customers with --json', async () => {
    const result = await runCli(['--db', storeDir, '--json', 'import', 'customers', fixture('customers.csv')]);
    // stdout is the JSON; stderr says only that a new store was made, under --json too
    expect(result.stderr).toMatch(/^New store: [^\n]+\n$/);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ entity: 'customers', read: 3, inserted: 3, rejected: 0 });
  });

  it('leaves an embedded store with planner statistics after an import, as autovacuum would', async () => {
    const file = join(workDir, 'many-customers.csv');
    const rows = Array.from({ length: 1500 }, (_, index) => `M${index + 1},Customer ${index + 1},m${index + 1}@example.com`);
    writeFileSync(file, `customer_id,name,email\n${rows.join('\n')}\n`);
    const dir = join(workDir, 'maintained');
    const result = await runCli(['--db', dir, '--json', 'import', 'customers', file]);
    expect(result.code).toBe(0);
    const store = await openStore(dir);
    try {
      const stats = await sql<{ rows: number }>`select reltuples::float8 as rows from pg_class where oid = to_regclass('customer')`.execute(store.db);
      expect(Number(stats.rows[0].rows)).toBe(1500);
    } finally {
      await store.close();
    }
  });

  it('exits 2 when rows are rejected and writes them with line and reason to the rejects file', async () => {
    const rejects = join(workDir, 'bad.rejects.csv');
    const result = await runCli(['--db', storeDir, 'import', 'orders', fixture('bad-orders.csv'), '--rejects', rejects]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/rejected 8/);
    // one row per order: B1 is stored (its repeat rejected), the other 7 orders rejected
    expect(result.stdout).toMatch(/\n {2}orders: 1 inserted, 0 updated, 0 unchanged, 7 rejected\n/);
    const lines = readFileSync(rejects, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('file,line,field,reason,raw');
    expect(lines).toHaveLength(9);
    expect(lines.some((line) => line.includes(',3,ordered_at,'))).toBe(true);
  });

  it('lists the imports made so far, newest first, with their files and counts', async () => {
    const result = await runCli(['--db', storeDir, '--json', 'imports', '--limit', '2']);
    expect(result.code).toBe(0);
    const runs = JSON.parse(result.stdout) as Array<Record<string, unknown>>;
    expect(runs.map((run) => [run.entity, String(run.file_name).split(/[\\/]/).pop(), run.status, run.read_count, run.rejected_count, run.order_inserted_count, run.created_customer_count])).toEqual([
      ['orders', 'bad-orders.csv', 'completed', 9, 8, 1, 0],
      ['customers', 'customers.csv', 'completed', 3, 0, null, 3],
    ]);
    const text = await runCli(['--db', storeDir, 'imports', '--before', String(runs[0].import_id)]);
    expect(text.stdout.split('\n')[0]).toMatch(/^id +started +data +file +status +rows +new +updated +unchanged +rejected +new orders +new customers +by$/);
    expect(text.stdout).toMatch(/customers\.csv +completed +3 +3 +0 +0 +0 +3 /);
    expect(text.stdout).not.toMatch(/bad-orders/);
  });

  it('fails fast with exit 1 and lists the columns found when a required column is missing', async () => {
    const result = await runCli(['--db', storeDir, 'import', 'orders', fixture('events.csv')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/IMPORT_COLUMN_MISSING/);
    expect(result.stderr).toMatch(/event_id/);
  });

  it('exits 1 on a usage error', async () => {
    const result = await runCli(['--db', storeDir, 'import', 'invoices', fixture('events.csv')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/<entity> takes one of customers, .*, not "invoices"\./);
  });

  it('names a wrong customers list option and its allowed values, with exit 1', async () => {
    const sort = await runCli(['--db', storeDir, 'customers', 'list', '--sort', 'spend']);
    expect(sort.code).toBe(1);
    expect(sort.stderr).toContain('error CLI_ARGUMENT_INVALID: --sort takes one of recent, revenue, last_purchase, name, not spend.');
    const channel = await runCli(['--db', storeDir, 'customers', 'list', '--channel', 'fax']);
    expect(channel.code).toBe(1);
    expect(channel.stderr).toMatch(/--channel: .*Use one of: store, web, mobile, marketplace, phone, other\./);
    const limit = await runCli(['--db', storeDir, 'customers', 'list', '--limit', 'many']);
    expect(limit.code).toBe(1);
    expect(limit.stderr).toContain('error CLI_ARGUMENT_INVALID: --limit takes a whole number from 1 to 500, e.g. --limit 50, not many.');
    const spend = await runCli(['--db', storeDir, 'customers', 'list', '--min-spend', '1.50.0']);
    expect(spend.code).toBe(1);
    expect(spend.stderr).toMatch(/--min-spend "1\.50\.0" has misplaced thousands separators; .*in the store currency \(IDR\)/);
  });

  it('refuses a day that does not exist in any date option with exit 1, naming the option', async () => {
    const fit = await runCli(['--db', storeDir, 'models', 'fit', '--calibration-end', '2026-02-30']);
    expect(fit.code).toBe(1);
    expect(fit.stderr).toContain('error CLI_ARGUMENT_INVALID: --calibration-end takes a calendar day like 2026-12-05, from 1970-01-01 to 2100-12-31, not 2026-02-30.');
    const validate = await runCli(['--db', storeDir, '--json', 'models', 'validate', '--calibration-end', '2025-12-31', '--holdout-end', '2026-13-45']);
    expect(validate.code).toBe(1);
    expect(JSON.parse(validate.stdout)).toMatchObject({ error: { code: 'CLI_ARGUMENT_INVALID', field: '--holdout-end' } });
    const predict = await runCli(['--db', storeDir, '--json', 'models', 'predict', '--as-of', '2026-02-30']);
    expect(predict.code).toBe(1);
    expect(JSON.parse(predict.stdout)).toMatchObject({ error: { code: 'CLI_ARGUMENT_INVALID', field: '--as-of' } });
    const analyze = await runCli(['--db', storeDir, '--json', 'analyze', '--as-of', '2026-02-30T08:00:00Z']);
    expect(analyze.code).toBe(1);
    expect(JSON.parse(analyze.stdout)).toMatchObject({ error: { code: 'CLI_ARGUMENT_INVALID', field: '--as-of' } });
    const drift = await runCli(['--db', storeDir, '--json', 'personas', 'drift', '--before', '2025-01-01..2025-02-30', '--after', '2025-03-01..2025-04-01']);
    expect(drift.code).toBe(1);
    expect(JSON.parse(drift.stdout)).toMatchObject({ error: { code: 'CLI_ARGUMENT_INVALID', field: '--before' } });
  });

  it('prints its version from package.json', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')).version);
  });

  it('lists, shows, merges and unmerges customers', async () => {
    const imported = await inProcess(['--json', 'import', 'orders', fixture('orders.csv')]);
    expect(JSON.parse(imported.stdout)).toMatchObject({ read: 8, inserted: 8, orders: { inserted: 8, updated: 0, unchanged: 0, rejected: 0 } });
    const list = JSON.parse((await inProcess(['--json', 'customers', 'list', '--status', 'real', '--sort', 'revenue'])).stdout);
    expect(list.items[0]).toMatchObject({ name: 'PT Maju Jaya', is_real: true });
    // a page says how many the filter holds in all
    expect(list.total).toBe(list.items.length);
    // --min-spend in the store currency: the top spender's own revenue keeps them and drops whoever spent less
    const topSpend = list.items[0].revenue_minor / 10 ** minorUnitsOf(list.currency);
    const spenders = JSON.parse((await inProcess(['--json', 'customers', 'list', '--min-spend', String(topSpend)])).stdout);
    expect(spenders.items.map((item: { name: string }) => item.name)).toEqual(['PT Maju Jaya']);
    expect(spenders.total).toBe(1);
    const firstOnly = await inProcess(['customers', 'list', '--status', 'real', '--limit', '1']);
    expect(firstOnly.stdout).toMatch(new RegExp(`^1 shown of ${list.total} customers\nmore: --cursor `, 'm'));
    const ana = list.items.find((item: { name: string }) => item.name === 'Ana Wijaya');
    const stub = JSON.parse((await inProcess(['--json', 'customers', 'list', '-q', 'C9'])).stdout).items[0];
    const merged = await inProcess(['--json', 'customers', 'merge', String(ana.customer_id), String(stub.customer_id)]);
    expect(merged.code).toBe(0);
    const { mergeId } = JSON.parse(merged.stdout);
    const shownText = (await inProcess(['customers', 'show', String(ana.customer_id)])).stdout;
    // money in the store's currency, and what is not there yet said plainly
    expect(shownText).toMatch(/^revenue\s+Rp\s[\d.]+$/m);
    expect(shownText.split('\n')).toContain(`(not analysed yet: ${suggestedCommand(storeDir, 'analyze')})`);
    const shown = JSON.parse((await inProcess(['--json', 'customers', 'show', String(ana.customer_id)])).stdout);
    expect(shown.identities.map((i: { value: string }) => i.value)).toContain('C9');
    expect(shown.traits.order_count).toBe(ana.order_count + 1);
    const unmerged = await inProcess(['customers', 'unmerge', String(mergeId)]);
    expect(unmerged.code).toBe(0);
    expect(unmerged.stdout).toContain(`Merge #${mergeId} undone: customer #${stub.customer_id} restored from #${ana.customer_id} with 1 orders, 0 interest events and 0 gifts.`);
    const after = JSON.parse((await inProcess(['--json', 'customers', 'show', String(ana.customer_id)])).stdout);
    expect(after.traits.order_count).toBe(ana.order_count);
    const missing = await runCli(['--db', storeDir, 'customers', 'show', '999999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/CUSTOMER_NOT_FOUND/);
  });
});
