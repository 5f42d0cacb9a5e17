import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigrationFromBefore } from '../../test/helpers/migrated-before.js';

const clearsBlanks = '202612111200_blank_customer_values.sql';

/** A store migrated up to just before the clean-up, holding the blanks the API wrote then, migrated the rest of the way. */
describeMigrationFromBefore(`migration ${clearsBlanks}`, clearsBlanks, async (db) => {
  await sql`insert into customer (customer_id, name, email, phone, city, region, gender, income_band) values
    (1, '', '', null, 'Medan', null, null, null),
    (2, '   ', null, '', ' ', '\t', '', ' '),
    (3, ' Ana Putri ', 'ana@example.com', '+6281234567890', 'Bandung', 'Jawa Barat', 'f', 'middle'),
    (4, 'Moved', ${'\u200B'}, null, null, null, null, null)`.execute(db);
  await sql`insert into customer_identity (kind, namespace, value, customer_id) values
    ('email', '', '', 1), ('phone', '', '', 2), ('email', '', ${'\u200B'}, 1), ('external', 'loyalty_card', ' ', 2),
    ('email', '', 'ana@example.com', 3), ('phone', '', '+6281234567890', 3), ('external', 'loyalty_card', 'LC-4', 1)`.execute(db);
  const moved = (identities: Array<{ kind: string; namespace: string; value: string }>) => JSON.stringify({ identities, orderIds: [7] });
  await sql`insert into customer_merge (kept_customer_id, merged_customer_id, moved, merged_by, undone_at) values
    (1, 4, ${moved([{ kind: 'email', namespace: '', value: '\u200B' }, { kind: 'external', namespace: 'loyalty_card', value: 'LC-4' }])}, 'test', null),
    (3, 2, ${moved([{ kind: 'phone', namespace: '', value: '' }])}, 'test', '2026-01-01')`.execute(db);
}, (context) => {
  it('removes the identities with a blank key, so a blank email or phone no longer collides with it', async () => {
    const keys = await sql<{ kind: string; value: string; customer_id: string }>`select kind, value, customer_id::text from customer_identity order by customer_id, kind, value`.execute(context.store.db);
    expect(keys.rows).toEqual([
      { kind: 'external', value: 'LC-4', customer_id: '1' },
      { kind: 'email', value: 'ana@example.com', customer_id: '3' },
      { kind: 'phone', value: '+6281234567890', customer_id: '3' },
    ]);
  });

  it('sets blank profile fields to null and leaves written ones as they were', async () => {
    const rows = await sql<Record<string, unknown>>`select customer_id::int as id, name, email, phone, city, region, gender, income_band from customer order by customer_id`.execute(context.store.db);
    expect(rows.rows).toEqual([
      { id: 1, name: null, email: null, phone: null, city: 'Medan', region: null, gender: null, income_band: null },
      { id: 2, name: null, email: null, phone: null, city: null, region: null, gender: null, income_band: null },
      { id: 3, name: ' Ana Putri ', email: 'ana@example.com', phone: '+6281234567890', city: 'Bandung', region: 'Jawa Barat', gender: 'f', income_band: 'middle' },
      { id: 4, name: 'Moved', email: null, phone: null, city: null, region: null, gender: null, income_band: null },
    ]);
  });

  it('drops the removed keys from a merge not yet undone, so its undo does not miss them, and leaves an undone one as it was', async () => {
    const merges = await sql<{ moved: { identities: Array<{ value: string }>; orderIds: number[] } }>`select moved from customer_merge order by merge_id`.execute(context.store.db);
    expect(merges.rows.map((row) => row.moved)).toEqual([
      { identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-4' }], orderIds: [7] },
      { identities: [{ kind: 'phone', namespace: '', value: '' }], orderIds: [7] },
    ]);
  });
});
