import { chmod, lstat, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

const directories: string[] = [];
afterAll(async () => Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true }))));

describeEachCliStore('clientele customers export', (context) => {
  const clock = fixedClock('2024-06-21T00:00:00Z');
  const customerIdOf = (email: string) => context.withStore(async (store) => Number((await store.db.selectFrom('customer').select('customer_id')
    .where('email', '=', email).executeTakeFirstOrThrow()).customer_id));

  it('prints everything held about them as one JSON document, or writes it to --out readable by its owner alone, auditing each', async () => {
    await context.withStore(async (store) => {
      await ingestRecords(store.db, 'customers', [{ customer_id: 'E1', email: 'eka.export@example.com', name: 'Eka Export' }], { actor: 'test', clock });
      await ingestRecords(store.db, 'orders', [{ order_id: 'CLI-EXP-1', customer_email: 'eka.export@example.com', ordered_at: '2024-06-01T10:00:00+07:00', amount: '57000' }], { actor: 'test', clock });
      await ingestRecords(store.db, 'lines', [{ order_id: 'CLI-EXP-1', line_no: '1', sku: 'KOPI-1', product_name: 'Kopi susu', category: 'coffee', quantity: '2', unit_price: '28500' }], { actor: 'test', clock });
    });
    const customerId = await customerIdOf('eka.export@example.com');

    const printed = await runCliInProcess(context.db, ['customers', 'export', String(customerId)]);
    expect(printed.exitCode, printed.stderr).toBe(0);
    const document = JSON.parse(printed.stdout);
    expect(document).toMatchObject({ customerId, profile: { name: 'Eka Export' }, orders: [{ external_id: 'CLI-EXP-1', lines: [{ sku: 'KOPI-1' }] }] });
    expect(typeof document.generatedAt).toBe('string');
    expect(typeof document.currency).toBe('string');
    expect(Object.keys(document.sections)).toEqual(expect.arrayContaining(['orders', 'timeline', 'auditEntries', 'segments']));

    const directory = await mkdtemp(join(tmpdir(), 'clientele-export-'));
    directories.push(directory);
    const file = join(directory, 'customer.json');
    const written = await runCliInProcess(context.db, ['--json', 'customers', 'export', String(customerId), '--out', file]);
    expect(written.exitCode, written.stderr).toBe(0);
    expect(JSON.parse(written.stdout)).toMatchObject({ customerId, file, orders: 1 });
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ customerId, orders: [{ external_id: 'CLI-EXP-1' }] });
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o077).toBe(0);

    const audited = await context.withStore((store) => store.db.selectFrom('audit_event').select(['actor', 'detail'])
      .where('action', '=', 'customer.export').where('entity_id', '=', String(customerId)).execute());
    expect(audited).toHaveLength(2);
    expect(audited[0]!.actor).toMatch(/^cli:/);
    expect(JSON.stringify(audited.map((entry) => entry.detail))).not.toMatch(/eka|example\.com/i);
  }, 180_000);

  it('replaces a file that was there with one readable by its owner alone, and refuses to write through a symbolic link', async () => {
    await context.withStore((store) => ingestRecords(store.db, 'customers', [{ customer_id: 'E3', email: 'mode.export@example.com' }], { actor: 'test', clock }));
    const customerId = await customerIdOf('mode.export@example.com');
    const directory = await mkdtemp(join(tmpdir(), 'clientele-export-'));
    directories.push(directory);
    const file = join(directory, 'customer.json');
    await writeFile(file, 'an older export');
    await chmod(file, 0o666);
    const written = await runCliInProcess(context.db, ['customers', 'export', String(customerId), '--out', file]);
    expect(written.exitCode, written.stderr).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ customerId });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    // nothing left beside it
    expect(await readdir(directory)).toEqual(['customer.json']);

    const elsewhere = join(directory, 'elsewhere.txt');
    await writeFile(elsewhere, 'not an export');
    const link = join(directory, 'link.json');
    await symlink(elsewhere, link);
    const refused = await runCliInProcess(context.db, ['customers', 'export', String(customerId), '--out', link]);
    expect(refused.exitCode).toBe(1);
    expect(refused.error).toMatchObject({ code: 'CLI_FILE_UNWRITABLE', message: expect.stringContaining(`${link} is a symbolic link`) });
    expect(await readFile(elsewhere, 'utf8')).toBe('not an export');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  }, 180_000);

  it('answers an unknown customer with CUSTOMER_NOT_FOUND, exit code 1, and an unwritable --out with CLI_FILE_UNWRITABLE', async () => {
    const unknown = await runCliInProcess(context.db, ['customers', 'export', '999999999']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.error).toMatchObject({ code: 'CUSTOMER_NOT_FOUND' });
    await context.withStore((store) => ingestRecords(store.db, 'customers', [{ customer_id: 'E2', email: 'nowhere.export@example.com' }], { actor: 'test', clock }));
    const customerId = await customerIdOf('nowhere.export@example.com');
    const unwritable = await runCliInProcess(context.db, ['customers', 'export', String(customerId), '--out', '/nowhere/at/all/customer.json']);
    expect(unwritable.exitCode).toBe(1);
    expect(unwritable.error).toMatchObject({ code: 'CLI_FILE_UNWRITABLE' });
  }, 180_000);
});
