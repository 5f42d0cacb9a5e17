import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreKinds } from '../../test/helpers/stores.js';
import { openStore, type Store } from '../db/client.js';
import { listMigrationFiles, migrate, migrationsDirectory } from '../db/migrate.js';
import { createScratchSchema } from '../db/scratch-schema.js';
import { listCustomers } from './list-customers.js';

const searchAndSort = '202612140300_customer_name_search_and_sort.sql';

/** A store migrated up to just before the new search and sort, holding customers, migrated the rest of the way. */
for (const kind of testStoreKinds()) {
  describe(`migration ${searchAndSort} [${kind}]`, () => {
    let store: Store;
    let earlier: string;
    let dropSchema: (() => Promise<void>) | null = null;

    beforeAll(async () => {
      earlier = mkdtempSync(join(tmpdir(), 'clientele-migrations-'));
      for (const file of await listMigrationFiles()) if (file < searchAndSort) copyFileSync(join(migrationsDirectory, file), join(earlier, file));
      if (kind === 'embedded') store = await openStore('memory://', { useStoreTemplate: false });
      else {
        const scratch = await createScratchSchema(process.env.TEST_DATABASE_URL!, 'test');
        dropSchema = scratch.drop;
        store = await openStore(scratch.url);
      }
      await migrate(store, earlier);
      for (const [id, name] of [[1, 'Siti Aminah'], [2, "John O'Brien"], [3, 'Ēriks Ozols'], [4, 'Jon OBrien']] as const) {
        await sql`insert into customer (customer_id, name) values (${id}, ${name})`.execute(store.db);
        await sql`insert into customer_trait (customer_id) values (${id})`.execute(store.db);
      }
      await migrate(store);
    }, 240_000);

    afterAll(async () => {
      await store?.close();
      await dropSchema?.();
      rmSync(earlier, { recursive: true, force: true });
    });

    const ids = (page: { items: Array<{ customer_id: number }> }) => page.items.map((item) => Number(item.customer_id));

    it('finds the customers it already held with or without an apostrophe, through the rebuilt words index', async () => {
      for (const q of ['obrien', "o'brien"]) expect({ q, ids: ids(await listCustomers(store.db, { q, sort: 'name' })) }).toEqual({ q, ids: [2, 4] });
      const plan = await store.db.transaction().execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        return (await sql<{ 'QUERY PLAN': string }>`explain select customer_id from customer c
          where to_tsvector('simple', name_search_text(coalesce(c.name, ''))) @@ to_tsquery('simple', 'obrien:*')`.execute(trx)).rows.map((row) => row['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain('customer_name_words_idx');
    });

    it('sorts the customers it already held by their folded names', async () => {
      expect(ids(await listCustomers(store.db, { sort: 'name' }))).toEqual([3, 2, 4, 1]);
    });
  });
}
