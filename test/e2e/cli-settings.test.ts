import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shellWord } from '../../src/core/shell-words.js';
import { runCli } from '../helpers/cli.js';
import { createCliStore, describeEachCliStore, runCliInProcess } from '../helpers/cli-in-process.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-cli-settings-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// The cases build on each other's store. They run the command tree in this process, with main.ts's
// exit codes and error printing; the refusal to change a fixed setting also runs the real binary.
describeEachCliStore('clientele settings: a new store set up for the data it is for', (context) => {
  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const result = await runCliInProcess(context.db, args, env);
    return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  };
  // a real process, once per command group (on the embedded store, as a person's first store is)
  const cliProcess = (args: string[]) => (context.kind === 'embedded' ? runCli(['--db', context.db, ...args]) : cli(args));
  const kindDir = join(workDir, context.kind);
  const ordersFile = join(kindDir, 'semi.csv');
  beforeAll(() => {
    mkdirSync(kindDir, { recursive: true });
    // a Latvian shop's orders in euros, times on its own clock
    writeFileSync(ordersFile, 'order_id,customer_email,ordered_at,amount,currency\nA1,a@example.com,2025-03-01 10:00,12.50,EUR\nA2,b@example.com,2025-03-02 11:00,20.00,EUR\n');
  });

  it('says, where a store is created, which currency, time zone and phone country it took and how to change them', async () => {
    const first = await cli(['import', 'orders', ordersFile]);
    expect(first.code).toBe(2);
    expect(first.stdout).toMatch(/No exchange rate from EUR to the store currency IDR/);
    expect(first.stderr).toContain(`New store: currency IDR, time zone Asia/Jakarta, phone country ID (the defaults); change them with \`clientele --db ${shellWord(context.db)} settings set --currency <code> --time-zone <zone> --country <code>\` before importing orders, or set CLIENTELE_CURRENCY, CLIENTELE_TIMEZONE and CLIENTELE_DEFAULT_COUNTRY before creating a store.`);
    // said once, where the store was made
    const again = await cli(['settings', 'show']);
    expect(again.stderr).not.toContain('New store');
    expect(again.stdout).toMatch(/^currency +IDR \(Indonesian Rupiah\)$/m);
    expect(again.stdout).toContain('The currency, time zone and phone country can change while nothing stored depends on them');
  }, 240_000);

  it('changes them while the store holds no orders; the orders then import in euros, on Riga time', async () => {
    const set = await cli(['--json', 'settings', 'set', '--currency', 'eur', '--time-zone', 'Europe/Riga', '--country', 'LV']);
    expect(set.code, set.stdout).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      currency: 'EUR', timeZone: 'Europe/Riga', defaultCountry: 'LV', ratesCleared: [],
      changed: { currency: { from: 'IDR', to: 'EUR' }, timeZone: { from: 'Asia/Jakarta', to: 'Europe/Riga' }, defaultCountry: { from: 'ID', to: 'LV' } },
    });
    const imported = await cli(['--json', 'import', 'orders', ordersFile]);
    expect(JSON.parse(imported.stdout)).toMatchObject({ rejected: 0, orders: { inserted: 2 } });

    const list = await cli(['customers', 'list']);
    // 10:00 in Riga, said to be Riga's
    expect(list.stdout).toMatch(/€12\.50 +2025-03-01 10:00\n/);
    expect(list.stdout).toContain('(times in Europe/Riga)\n2 shown of 2 customers');
    const json = await cli(['--json', 'customers', 'list']);
    expect(JSON.parse(json.stdout).items.map((item: { last_purchase_at: string }) => item.last_purchase_at).sort()).toEqual(['2025-03-01T08:00:00.000Z', '2025-03-02T09:00:00.000Z']);
  }, 240_000);

  it('keeps them once the store holds orders, saying why and what to do', async () => {
    const refused = await cliProcess(['settings', 'set', '--currency', 'USD']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error SETTINGS_FIXED_CONFLICT: The currency cannot change: the store holds orders, whose amounts are stored in EUR. To use it, start a new store (another --db directory or database) set up with CLIENTELE_CURRENCY=USD');
    const shown = JSON.parse((await cli(['--json', 'settings', 'show'])).stdout);
    expect(shown).toMatchObject({ currency: 'EUR', fixed: { currency: { code: 'orders' }, timeZone: { code: 'orders' }, defaultCountry: null } });
  }, 240_000);

  it('refuses what is not a time zone, currency or country before opening the store, naming the option', async () => {
    const never = join(kindDir, 'never');
    const cases: Array<[string[], RegExp]> = [
      [['--time-zone', '+05:00'], /--time-zone: "\+05:00" is not an IANA time zone/],
      [['--currency', 'XYZ'], /--currency: "XYZ" is not a currency Clientele knows/],
      [['--country', 'AQ'], /--country: "AQ" is not a country whose phone numbers Clientele reads/],
      [[], /Give at least one of --name, --currency, --time-zone, --country/],
    ];
    for (const [options, message] of cases) {
      const result = await runCliInProcess(never, ['settings', 'set', ...options]);
      expect({ code: result.exitCode, stderr: result.stderr }).toEqual({ code: 1, stderr: expect.stringMatching(message) });
    }
    expect(existsSync(never)).toBe(false);
  }, 240_000);

  it('sets up a new store from the variables, and says when a store already set up does not follow them', async () => {
    const other = await createCliStore(context.kind);
    try {
      const created = await runCliInProcess(other.db, ['settings', 'show'], { CLIENTELE_CURRENCY: 'EUR', CLIENTELE_TIMEZONE: 'Europe/Riga', CLIENTELE_DEFAULT_COUNTRY: 'LV' });
      expect(created.stdout).toMatch(/^time_zone +Europe\/Riga$/m);
      expect(created.stderr).toContain('New store: currency EUR, time zone Europe/Riga, phone country LV; change them with');
    } finally {
      await other.cleanUp();
    }
    const ignored = await cli(['customers', 'list'], { CLIENTELE_CURRENCY: 'USD', CLIENTELE_DEFAULT_COUNTRY: 'EE' });
    expect(ignored.stderr).toContain('CLIENTELE_CURRENCY=USD and CLIENTELE_DEFAULT_COUNTRY=EE are not used: this store has currency EUR and phone country LV (the variables set up a new store only); '
      + `change it with \`clientele --db ${shellWord(context.db)} settings set --country EE\` before importing phone numbers; the currency is fixed now that the store holds orders.`);
  }, 240_000);

  it('records who set an exchange rate from the shell in the audit log, as the API does', async () => {
    expect((await cli(['rates', 'set', 'USD', '0.92'])).code).toBe(0);
    expect((await cli(['rates', 'set', 'usd', '0.9'])).code).toBe(0);
    const entries = await context.withStore((store) => store.db.selectFrom('audit_event').select(['actor', 'action', 'entity_id', 'detail'])
      .where('action', '=', 'settings.rate.set').orderBy('audit_id').execute());
    expect(entries.map((entry) => ({ ...entry, detail: typeof entry.detail === 'string' ? JSON.parse(entry.detail) : entry.detail }))).toEqual([
      { actor: expect.stringMatching(/^cli:/), action: 'settings.rate.set', entity_id: 'rate:USD', detail: { currency: 'USD', rate: 0.92, previousRate: null } },
      { actor: expect.stringMatching(/^cli:/), action: 'settings.rate.set', entity_id: 'rate:USD', detail: { currency: 'USD', rate: 0.9, previousRate: 0.92 } },
    ]);
  }, 240_000);

  it('documents the variables in the help of the commands that create stores', async () => {
    for (const args of [['--help'], ['serve', '--help'], ['settings', 'set', '--help']]) {
      const help = await cli(args);
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.stdout, args.join(' ')).toMatch(/CLIENTELE_CURRENCY.*CLIENTELE_TIMEZONE.*CLIENTELE_DEFAULT_COUNTRY/s);
    }
  }, 240_000);
});
