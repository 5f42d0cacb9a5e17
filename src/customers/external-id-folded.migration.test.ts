import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigrationFromBefore } from '../../test/helpers/migrated-before.js';
import { lookupCustomer } from './customers.queries.js';
import { listCustomers } from './list-customers.js';

const foldedIndex = '202612160100_external_id_folded.sql';
const card = (value: string) => ({ kind: 'external' as const, namespace: 'loyalty_card', value });

/** A store migrated up to just before the folded external id index, holding cards, migrated the rest of the way. */
describeMigrationFromBefore(`migration ${foldedIndex}`, foldedIndex, async (db) => {
  for (const [id, name, value] of [[1, 'Kartika', 'LC-0068-890246'], [2, 'Bayu', 'AB-12'], [3, 'Citra', 'ab.12']] as const) {
    await sql`insert into customer (customer_id, name) values (${id}, ${name})`.execute(db);
    await sql`insert into customer_trait (customer_id) values (${id})`.execute(db);
    await sql`insert into customer_identity (kind, namespace, value, customer_id) values ('external', 'loyalty_card', ${value}, ${id})`.execute(db);
  }
}, (context) => {
  it('finds the cards the store already held typed without their dashes, through the new index', async () => {
    const db = context.store.db;
    expect(await lookupCustomer(db, card('lc0068890246'))).toBe(1);
    expect((await listCustomers(db, { q: 'LC 0068 890246' })).items.map((item) => Number(item.customer_id))).toEqual([1]);
    await expect(lookupCustomer(db, card('ab12'))).rejects.toMatchObject({ code: 'CUSTOMER_LOOKUP_AMBIGUOUS' });
    const plan = await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return (await sql<{ 'QUERY PLAN': string }>`explain select customer_id from customer_identity i
        where i.kind = 'external' and i.namespace = 'loyalty_card' and external_id_folded(i.value) = external_id_folded('lc0068890246')`.execute(trx)).rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('customer_identity_external_folded_idx');
  });
});
