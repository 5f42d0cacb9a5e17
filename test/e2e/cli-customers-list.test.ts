import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { signInAs } from '../helpers/auth.js';
import { describeEachCliStore, runCliInProcess } from '../helpers/cli-in-process.js';
import { suggestedCommand } from '../helpers/suggested-command.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-cli-customers-list-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// C1 buys weekly until 2026-10-23 (at risk on 2026-11-07, and the top spender, so VIP); C2–C5 bought once in November (new).
const customers = ['customer_id,name,city', 'C1,Ana,Jakarta', 'C2,Budi,Bandung', 'C3,Citra,Jakarta', 'C4,Dewi,Jakarta', 'C5,Eko,Bandung'].join('\n');
const orders = [
  'order_id,customer_id,ordered_at,amount,currency,channel,status',
  ...['2026-10-02', '2026-10-09', '2026-10-16', '2026-10-23'].map((day, index) => `A${index},C1,${day}T12:00:00+07:00,50000,IDR,store,paid`),
  ...['C2', 'C3', 'C4', 'C5'].map((customer, index) => `B${index},${customer},2026-11-0${index + 1}T12:00:00+07:00,40000,IDR,web,paid`),
].join('\n');

// What a marketer types into `customers list`, run in this process with main.ts's exit codes and error printing.
describeEachCliStore('clientele customers list, as a marketer combines its options', (context) => {
  const cli = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  };
  const json = async (...args: string[]) => JSON.parse((await cli('--json', ...args)).stdout);
  const namesOf = (page: { items: Array<{ name: string }> }) => page.items.map((item) => item.name);

  beforeAll(async () => {
    writeFileSync(join(workDir, `customers-${context.kind}.csv`), `${customers}\n`);
    writeFileSync(join(workDir, `orders-${context.kind}.csv`), `${orders}\n`);
    expect((await cli('import', 'customers', join(workDir, `customers-${context.kind}.csv`))).code).toBe(0);
    expect((await cli('import', 'orders', join(workDir, `orders-${context.kind}.csv`))).code).toBe(0);
    expect((await cli('analyze', '--as-of', '2026-11-07')).code).toBe(0);
    expect(namesOf(await json('customers', 'list', '--type', 'new', '--sort', 'name'))).toEqual(['Budi', 'Citra', 'Dewi', 'Eko']);
  }, 600_000);

  it('refuses a filter given twice, naming both values, and shows the segment filter that combines them', async () => {
    const types = await cli('customers', 'list', '--type', 'vip', '--type', 'at_risk');
    expect(types).toMatchObject({ code: 1, stdout: '' });
    expect(types.stderr).toContain('--type takes one value but was given two, "vip" and "at_risk": give it once.');
    // the filter it offers finds the VIP at risk
    const filter = /--filter '([^']+)'/.exec(types.stderr)?.[1];
    expect(filter).toBeDefined();
    const preview = await json('segments', 'preview', '--filter', filter!, '--sample', '5');
    expect(preview.sample.map((customer: { name: string }) => customer.name)).toEqual(['Ana']);

    const cities = await cli('customers', 'list', '--city', 'Jakarta', '--city', 'Bandung');
    expect(cities.code).toBe(1);
    expect(cities.stderr).toContain('--city takes one value but was given two, "Jakarta" and "Bandung"');
    expect(cities.stderr).toContain(suggestedCommand(context.db, `segments preview --filter '{"field":"city","op":"in","value":["Jakarta","Bandung"]}'`));
    const asJson = await cli('--json', 'customers', 'list', '--status', 'real', '--city', 'Jakarta', '--city', 'Bandung');
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ error: { code: 'CLI_ARGUMENT_INVALID', field: '--city' } });
    // not only filters: any option of one value
    const limits = await cli('customers', 'list', '--limit', '2', '--limit', '3');
    expect(limits.code).toBe(1);
    expect(limits.stderr).toContain('--limit takes one value but was given two, "2" and "3": give it once.');
  }, 240_000);

  it('still takes an option meant to repeat more than once', async () => {
    const created = await cli('--json', 'customers', 'create', '--name', 'Fitri', '--identity', 'email:fitri@example.com', '--identity', 'loyalty_card:LC-77');
    expect(created.code).toBe(0);
    const identities = JSON.parse(created.stdout).identities.map((identity: { kind: string; value: string }) => `${identity.kind}:${identity.value}`);
    expect(identities).toEqual(expect.arrayContaining(['email:fitri@example.com', 'external:LC-77']));
  }, 240_000);

  it('pages a type\'s listing by --offset, and refuses --offset where the list pages by cursor instead of ignoring it', async () => {
    const second = await cli('customers', 'list', '--type', 'new', '--offset', '1', '--limit', '2');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^\(2–3 of 4 customers typed new as of \d{4}-\d{2}-\d{2}, the latest analysis; more: --offset 3\)$/m);

    for (const args of [['--type', 'new', '--city', 'Jakarta'], ['--city', 'Jakarta'], ['--type', 'new', '--sort', 'name']]) {
      const refused = await cli('customers', 'list', ...args, '--offset', '1');
      expect(refused, args.join(' ')).toMatchObject({ code: 1, stdout: '' });
      expect(refused.stderr).toMatch(/--offset pages only the listing of one type \(--type alone, as text\); (with|without) .*continue with the --cursor printed under a page/);
    }
    const withJson = await cli('--json', 'customers', 'list', '--type', 'new', '--offset', '1');
    expect(withJson.code).toBe(1);
    expect(JSON.parse(withJson.stdout)).toMatchObject({ error: { code: 'CLI_ARGUMENT_INVALID', field: '--offset', message: expect.stringContaining('with --json') } });

    // what --offset 1 was meant to do with another filter: the cursor under the first page
    const first = await cli('customers', 'list', '--type', 'new', '--city', 'Jakarta', '--limit', '1');
    const cursor = /^more: --cursor (\S+)$/m.exec(first.stdout)?.[1];
    expect(namesOf(await json('customers', 'list', '--type', 'new', '--city', 'Jakarta', '--limit', '1', '--cursor', cursor!))).toEqual(['Citra']);
  }, 240_000);

  it('answers --json in the layout of GET /api/customers whatever the options, with its total', async () => {
    const layouts = [[], ['--type', 'new'], ['--type', 'new', '--limit', '2'], ['--type', 'new', '--city', 'Jakarta'], ['--type', 'at_risk', '--sort', 'revenue'], ['-q', 'Ana']];
    for (const args of layouts) {
      const page = await json('customers', 'list', ...args);
      expect(Object.keys(page).sort(), args.join(' ')).toEqual(['currency', 'hasPrices', 'items', 'nextCursor', 'total', 'typesAsOf']);
      // the day the types were decided, so a reader can tell a stale analysis
      expect(page.typesAsOf, args.join(' ')).toMatch(/^\d{4}-\d{2}-\d{2}/);
      expect(page.items[0], args.join(' ')).toEqual(expect.objectContaining({ customer_id: expect.any(Number), types: expect.any(Array), name: expect.any(String) }));
    }
    const cliPage = await json('customers', 'list', '--type', 'new', '--limit', '2');
    expect(cliPage.total).toBe(4);
    const apiPage = await context.withStore(async (store) => {
      const app = await buildApp({ store, config: { isBehindTls: false }, clock: systemClock });
      try {
        const analyst = await signInAs(store, 'analyst');
        const get = (url: string) => app.inject({ method: 'GET', url, headers: analyst.readHeaders });
        // the API refuses a repeated filter too
        expect((await get('/api/customers?type=vip&type=at_risk')).json()).toMatchObject({ error: { code: 'REQUEST_INVALID', field: 'type' } });
        return (await get('/api/customers?type=new&limit=2')).json();
      } finally {
        await app.close();
      }
    });
    const { total: _total, currency: _currency, hasPrices: _hasPrices, typesAsOf: _typesAsOf, ...listed } = cliPage;
    expect(listed).toEqual(apiPage);

    // the text of a type alone keeps its reasons
    const text = await cli('customers', 'list', '--type', 'at_risk');
    expect(text.stdout).toMatch(/^\d+\s+at_risk, vip\s+At risk: last purchase 2026-10-23/m);
  }, 240_000);
});
