import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { membersCsvWorkspace, runCliOutput, storedPeople } from '../../../test/helpers/members-csv-cli.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';

// The web app's two forms of a segment's members file: the sheet guards formula-like text with a ',
// the re-import form gives every value back exactly, so `import customers` saves "-2+3@example.lv", not "'-2+3@example.lv".
const customers = [
  { customer_id: 'lv1', name: 'Ādolfs Čakste-Ērgle', email: 'adolfs@example.lv', city: 'Valmiera' },
  { customer_id: 'lv5', name: '@SUM(1+1)', email: 'sum@example.lv', phone: '+37120000000', city: 'Valmiera' },
  { customer_id: 'lv6', name: 'Šarlote Ūdre-Žagata', email: '-2+3@example.lv', city: 'Valmiera' },
  { customer_id: 'lv7', name: '+Māris Zeltiņš', email: 'maris@example.lv', city: 'Valmiera' },
  { customer_id: 'lv8', name: '=1+2', email: '+tag@example.lv', city: 'Valmiera' },
];

describeEachCliStore('clientele segments members --csv --csv-form reimport', (context) => {
  const workspace = membersCsvWorkspace(context.kind, 'clientele-members-reimport-');

  it('writes every value exactly as stored, and imports into a new store as the same customers', async () => {
    await context.withStore(async (store) => {
      await ingestRecords(store.db, 'customers', customers, { actor: 'test', clock: fixedClock('2026-07-01T00:00:00Z') });
    });
    const { segment } = JSON.parse(await runCliOutput(context.db, '--json', 'segments', 'create', 'Valmiera', '--filter', '{"field": "city", "op": "eq", "value": "Valmiera"}'));

    const reimport = join(workspace.directory, `reimport-${context.kind}.csv`);
    expect(await runCliOutput(context.db, 'segments', 'members', 'Valmiera', '--csv', reimport, '--csv-form', 'reimport')).toContain(`Wrote 5 members of segment #${segment.segment_id} "Valmiera" to ${reimport}, in the re-import form`);
    const text = await readFile(reimport, 'utf8');
    // as the web app's "For re-import" file: no byte order mark, no formula guard
    expect(text.startsWith('customer_id,name,email,')).toBe(true);
    expect(text).toContain(',Šarlote Ūdre-Žagata,-2+3@example.lv,');
    expect(text).toContain(',=1+2,+tag@example.lv,');
    expect(text).not.toContain('\'');

    // the sheet, still the default, keeps the guard
    const sheet = join(workspace.directory, `sheet-${context.kind}.csv`);
    await runCliOutput(context.db, 'segments', 'members', 'Valmiera', '--csv', sheet);
    const sheetText = await readFile(sheet, 'utf8');
    expect(sheetText.startsWith('\ufeffcustomer_id,')).toBe(true);
    expect(sheetText).toContain(',\'-2+3@example.lv,');

    const imported = JSON.parse(await runCliOutput(workspace.fresh.db, '--json', 'import', 'customers', reimport));
    expect(imported).toMatchObject({ read: 5, rejected: 0 });
    const before = await storedPeople(context.db);
    expect(before).toContainEqual({ name: 'Šarlote Ūdre-Žagata', email: '-2+3@example.lv', phone: null });
    expect(await storedPeople(workspace.fresh.db)).toEqual(before);
  }, 240_000);

  it('refuses a form it does not know, and --csv-form without --csv', async () => {
    const unknown = await runCliInProcess(context.db, ['segments', 'members', 'Valmiera', '--csv', join(workspace.directory, 'x.csv'), '--csv-form', 'machine']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('--csv-form: "machine" is not a form of the members file. Use sheet (for a spreadsheet) or reimport');
    const alone = await runCliInProcess(context.db, ['segments', 'members', 'Valmiera', '--csv-form', 'reimport']);
    expect(alone.exitCode).toBe(1);
    expect(alone.stderr).toContain('--csv-form chooses the form of the file written by --csv <file>; give --csv too.');
  }, 120_000);
});
