import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeEachCliStore, runCliInProcess } from '../helpers/cli-in-process.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-import-columns-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const fileOf = (name: string, text: string) => {
  const file = join(workDir, name);
  writeFileSync(file, text);
  return file;
};

// What `clientele import` makes of a file's columns. The commands run in this process, with main.ts's
// exit codes and error printing; the refusal of a file with several candidate columns also runs the real binary.
describeEachCliStore('clientele import: the columns it reads and the ones it does not', (context) => {
  const cli = async (args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  };
  // a real process, once per command group (on the embedded store, as a person's first store is)
  const cliProcess = (args: string[]) => (context.kind === 'embedded' ? runCli(['--db', context.db, ...args]) : cli(args));

  it('warns about columns no field reads, naming the field a misspelled one seems to mean and the --map to use', async () => {
    const file = fileOf('refunds.csv', 'order_id,customer_email,ordered_at,amount,amout_refunded,Refund\nA1,a@example.com,2024-01-01,100000,50000,50000\n');
    const text = await cli(['import', 'orders', file]);
    expect(text.stderr).not.toMatch(/error/i);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/inserted 1 .*rejected 0/);
    expect(text.stdout).toContain('Warning: 2 columns were not imported, because no orders field reads them: amout_refunded, Refund');
    expect(text.stdout).toContain('amout_refunded: probably refunded_amount; if so, import again with --map refunded_amount=amout_refunded');

    const json = await cli(['--json', 'import', 'orders', file]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      unchanged: 1, guessedColumns: [],
      ignoredColumns: [{ column: 'amout_refunded', field: 'refunded_amount', reason: 'no_field' }, { column: 'Refund', field: 'refunded_amount', reason: 'no_field' }],
    });
  }, 240_000);

  it('reads an optional field from a common other name and lists it with the columns read; a money field stays a suggestion', async () => {
    const file = fileOf('statuss.csv', 'Datums;Pasūtījuma nr.;Klients;Summa;Statuss;Atlaide\n2024-01-05;LV-9;K-9;10000;Atcelts;500\n');
    const text = await cli(['import', 'orders', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Columns read as: order_id ← Pasūtījuma nr., ordered_at ← Datums, customer_id ← Klients, amount ← Summa, status ← Statuss');
    expect(text.stdout).toContain('Atlaide: probably discount_amount; if so, import again with --map discount_amount=Atlaide');
    const json = await cli(['--json', 'import', 'orders', file]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      unchanged: 1, guessedColumns: expect.arrayContaining([{ field: 'status', column: 'Statuss' }]),
      ignoredColumns: [{ column: 'Atlaide', field: 'discount_amount', reason: 'no_field' }],
    });
  }, 240_000);

  it('reads a customer column of names as the name beside an email and phone column, and says which columns tell the customers apart', async () => {
    const file = fileOf('pesanan.csv', 'Tanggal,No Pesanan,Pelanggan,Email,Telepon,Total,Status\n2024-03-01,INV-31,Budi Santoso,budi.s@example.co.id,+62 812 1111 2222,150000,Selesai\n2024-03-02,INV-32,Budi,budi.h@example.co.id,+62 813 3333 4444,75000,Selesai\n');
    const text = await cli(['import', 'orders', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/inserted 2 .*rejected 0/);
    expect(text.stdout).toContain('customer_name ← Pelanggan');
    expect(text.stdout).toContain('  Pelanggan: read as customer_name, not customer_id, because most of its values are names; the customers are told apart by Email and Telepon; if they are customer ids, import again with --map customer_id=Pelanggan');
    const json = await cli(['--json', 'import', 'orders', file]);
    expect(JSON.parse(json.stdout)).toMatchObject({ unchanged: 2, guessedColumns: expect.arrayContaining([{ field: 'customer_name', column: 'Pelanggan', valuesAre: 'name', toldApartBy: ['Email', 'Telepon'] }]) });
  }, 240_000);

  it('imports an orders file whose product column has no unit price as whole orders, and says the column was left out', async () => {
    const file = fileOf('products.csv', 'order_id;customer_email;ordered_at;amount;product_name\nB1;b@example.com;2024-01-01;100000;Shoe\nB2;c@example.com;2024-01-02;50000;Hat\n');
    const result = await cli(['import', 'orders', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/inserted 2 .*rejected 0/);
    expect(result.stdout).toContain('product_name: an order line\'s field; without a unit_price column each row was imported as a whole order with its amount. If the rows are order lines, import again with --map unit_price=Column');
  }, 240_000);

  it('reads a required field from a common other name and says so; several candidates stop it, naming them', async () => {
    const file = fileOf('till.csv', 'Order ID,Email,Date,Total\nC1,c@example.com,2024-01-01,10000\n');
    const text = await cli(['import', 'orders', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Columns read as: ordered_at ← Date, customer_email ← Email, amount ← Total');
    expect(text.stdout).not.toContain('Warning');
    const json = await cli(['--json', 'import', 'orders', file]);
    expect(JSON.parse(json.stdout)).toMatchObject({ unchanged: 1, guessedColumns: [{ field: 'ordered_at', column: 'Date' }, { field: 'customer_email', column: 'Email' }, { field: 'amount', column: 'Total' }], ignoredColumns: [] });

    const twoDates = fileOf('two-dates.csv', 'Order ID,Email,Date,Order Date,Total\nC2,c@example.com,2024-01-01,2024-01-01,10000\n');
    const refused = await cliProcess(['import', 'orders', twoDates]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Several columns could hold ordered_at (Date, Order Date), so none was read as it.');
    expect(refused.stderr).toContain('--map ordered_at=Date');
  }, 240_000);
});
