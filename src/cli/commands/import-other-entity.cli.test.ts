// A file of another entity (a customers file imported as orders) is refused naming the entity and the
// command to import it by, as the web's import page asks "Is this a file of Customers?" (likelier-entity.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-import-other-entity-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const customers = join(directory, 'customers.csv');
writeFileSync(customers, 'customer_id,email,name\nC1,ani@example.com,Ani\n');
// an orders file that only lacks its amount: no other entity's
const ordersWithoutAmount = join(directory, 'orders.csv');
writeFileSync(ordersWithoutAmount, 'order_id,customer_id,ordered_at,email\nA-1,C1,2026-01-05,ani@example.com\n');

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describeEachCliStore('import of a file of another entity', (context) => {
  const cli = (args: string[]) => runCliInProcess(context.db, args);
  const rejects = (name: string) => ['--rejects', join(directory, `${context.kind}-${name}.rejects.csv`)];

  it('names the entity the columns belong to after the columns found, and in the JSON details, its code unchanged', async () => {
    const plain = await cli(['import', 'orders', customers, ...rejects('plain')]);
    expect(plain.exitCode).toBe(1);
    expect(plain.stderr).toContain('error IMPORT_COLUMN_MISSING');
    // a server store's command names it (--db)
    const command = new RegExp(`clientele (--db \\S+ )?import customers ${escaped(customers)}`);
    expect(plain.stderr).toMatch(new RegExp(`Columns found: customer_id, email, name\\. The columns look like a customers file: import it with ${command.source}\\. Map a column with --map`));
    const json = await cli(['--json', 'import', 'orders', customers, ...rejects('json')]);
    expect(json.exitCode).toBe(1);
    const { error } = JSON.parse(json.stdout);
    expect(error).toMatchObject({ code: 'IMPORT_COLUMN_MISSING', details: { entity: 'customers' } });
    expect(error.details.hint).toMatch(new RegExp(`^Run ${command.source}, or map the columns with --map field=Column\\.$`));
  }, 240_000);

  it('says nothing of another entity for a file of the chosen one lacking a column', async () => {
    const result = await cli(['--json', 'import', 'orders', ordersWithoutAmount, ...rejects('orders')]);
    expect(result.exitCode).toBe(1);
    const { error } = JSON.parse(result.stdout);
    expect(error.code).toBe('IMPORT_COLUMN_MISSING');
    expect(error.message).not.toContain('look like');
    expect(error.details).not.toHaveProperty('entity');
  }, 240_000);
});
