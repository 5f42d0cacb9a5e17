import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { fixedClock } from '../../core/clock.js';
import { importFile } from '../import-file.service.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-write-customers-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// Each file is imported at one row a batch and at the default size; `{p}` makes each import's ids and
// emails its own, so the imports share one store and their stored customers can be compared.
const batchSizes = [{ batchSize: 1, run: 'one-' }, { batchSize: undefined, run: 'all-' }];
let files = 0;

function csvFile(prefix: string, lines: string[]): string {
  files += 1;
  const path = join(directory, `customers-${files}.csv`);
  writeFileSync(path, `${lines.join('\n').replaceAll('{p}', prefix)}\n`);
  return path;
}

describeEachStore('writing customer files', (context) => {
  const db = () => context.store.db;
  const importCustomers = (file: string, batchSize: number | undefined) =>
    importFile(db(), { entity: 'customers', file, batchSize, actor: 'test', clock: fixedClock('2024-12-31T00:00:00Z'), rejectsPath: null });

  /** The stored customers that hold an identity starting with the prefix, without it, as plain comparable values. */
  async function storedCustomers(prefix: string) {
    const result = await sql<{ name: string | null; email: string | null; phone: string | null; city: string | null; identities: string[] }>`
      select c.name, c.email, c.phone, c.city, array_agg(ci.kind || ':' || ci.value order by ci.kind, ci.value) as identities
      from customer c join customer_identity ci on ci.customer_id = c.customer_id
      where c.customer_id in (select customer_id from customer_identity where value like ${`${prefix}%`})
      group by c.customer_id order by min(ci.value)`.execute(db());
    const strip = (value: string | null) => value?.replaceAll(prefix, '') ?? null;
    return result.rows.map((row) => ({ ...row, email: strip(row.email), identities: row.identities.map((identity) => strip(identity)) }));
  }

  const ownerOf = async (kind: string, value: string) =>
    (await sql<{ customer_id: number }>`select customer_id from customer_identity where kind = ${kind} and value = ${value}`.execute(db())).rows[0]?.customer_id;

  it('writes nothing of a rejected row: a repeated id, within a batch or across batches', async () => {
    const stored = [];
    for (const { batchSize, run } of batchSizes) {
      const prefix = `${run}repeat-`;
      const file = csvFile(prefix, ['customer_id,name,email', '{p}k1,Kar,{p}k1@example.com', '{p}k2,Kim,{p}k2@example.com', '{p}k1,Kar Again,{p}k1b@example.com']);
      const summary = await importCustomers(file, batchSize);
      expect(summary).toMatchObject({ read: 3, inserted: 2, updated: 0, unchanged: 0, rejected: 1 });
      expect(await ownerOf('email', `${prefix}k1b@example.com`)).toBeUndefined();
      expect(summary.rejectsSample).toEqual([expect.objectContaining({ line: 4, field: 'customer_id', reason: expect.stringMatching(/line 2/) })]);
      stored.push(await storedCustomers(prefix));
    }
    expect(stored[0]).toEqual([
      { name: 'Kar', email: 'k1@example.com', phone: null, city: null, identities: ['email:k1@example.com', 'external:k1'] },
      { name: 'Kim', email: 'k2@example.com', phone: null, city: null, identities: ['email:k2@example.com', 'external:k2'] },
    ]);
    expect(stored[1]).toEqual(stored[0]);
  });

  it('merges rows naming one person through different ids whatever the batch size, and a re-run changes nothing', async () => {
    const stored = [];
    for (const { batchSize, run } of batchSizes) {
      const prefix = `${run}merge-`;
      const file = csvFile(prefix, [
        'customer_id,name,email,city',
        '{p}m1,Mona,{p}mona@example.com,',
        '{p}m2,Mona K.,{p}mona@example.com,Riga',
        '{p}n1,Nina,{p}nina@example.com,Tartu',
      ]);
      // the merged row fills the city the first left empty; the first row's name stands
      expect(await importCustomers(file, batchSize)).toMatchObject({ read: 3, inserted: 2, updated: 1, unchanged: 0, rejected: 0 });
      expect(await importCustomers(file, batchSize)).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
      expect(await importCustomers(file, batchSize === 1 ? undefined : 1)).toMatchObject({ read: 3, unchanged: 3 });
      stored.push(await storedCustomers(prefix));
    }
    expect(stored[0]).toEqual([
      { name: 'Mona', email: 'mona@example.com', phone: null, city: 'Riga', identities: ['email:mona@example.com', 'external:m1', 'external:m2'] },
      { name: 'Nina', email: 'nina@example.com', phone: null, city: 'Tartu', identities: ['email:nina@example.com', 'external:n1'] },
    ]);
    expect(stored[1]).toEqual(stored[0]);
  });

  it('rejects a row that takes another customer\'s email or phone, naming that customer, and writes nothing of it', async () => {
    for (const [index, { batchSize, run }] of batchSizes.entries()) {
      const prefix = `${run}taken-`;
      const budiPhone = `+62812777700${index}`;
      const anaPhone = `+62813888800${index}`;
      await importCustomers(csvFile(prefix, ['customer_id,name,email,phone', `{p}c1,Ana,{p}ana@example.com,`, `{p}c2,Budi,{p}budi@example.com,${budiPhone}`]), batchSize);
      const ana = await ownerOf('email', `${prefix}ana@example.com`);
      const budi = await ownerOf('email', `${prefix}budi@example.com`);
      const file = csvFile(prefix, [
        'customer_id,name,email,phone',
        '{p}c1,,{p}budi@example.com,',
        `{p}c1,,,${budiPhone}`,
        `{p}c1,,{p}ana.new@example.com,${anaPhone}`,
        '{p}c9,,{p}budi@example.com,',
      ]);
      const summary = await importCustomers(file, batchSize);
      // a rejected row is no first appearance of c1: line 4 is not a repeat
      expect(summary).toMatchObject({ read: 4, inserted: 0, updated: 2, unchanged: 0, rejected: 2 });
      const rejects = [...summary.rejectsSample].sort((a, b) => a.line - b.line);
      expect(rejects.map(({ line, field }) => ({ line, field }))).toEqual([{ line: 2, field: 'email' }, { line: 3, field: 'phone' }]);
      for (const reject of rejects) expect(reject.reason).toMatch(new RegExp(`#${budi} \\(Budi\\).*#${ana} \\(Ana\\).*merge`));
      expect(await db().selectFrom('customer').select(['email', 'phone']).where('customer_id', '=', ana!).executeTakeFirstOrThrow())
        .toEqual({ email: `${prefix}ana.new@example.com`, phone: anaPhone });
      expect(await ownerOf('phone', budiPhone)).toBe(budi);
      expect(await ownerOf('external', `${prefix}c9`)).toBe(budi);
    }
  });
});
