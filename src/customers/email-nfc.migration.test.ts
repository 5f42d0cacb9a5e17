import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigrationFromBefore } from '../../test/helpers/migrated-before.js';
import { normaliseEmail } from './identity.js';

const rewritesEmails = '202612040100_email_nfc.sql';
const nfd = (text: string) => text.normalize('NFD');

/** A store migrated up to just before the rewrite, holding keys written then, migrated the rest of the way. */
describeMigrationFromBefore(`migration ${rewritesEmails}`, rewritesEmails, async (db) => {
  await sql`insert into customer (customer_id, name, email) values (1, 'Änna', ${nfd('änna@bücher.de')}), (2, 'Jörg', 'jörg@example.com'), (3, 'Jörg again', ${nfd('jörg@example.com')}),
    (4, 'Zoë', ${nfd('zoë@example.com')}), (5, 'Zoë two', ${nfd('zoë@example.com') + '\u200B'}), (6, 'Plain', 'plain@example.com')`.execute(db);
  await sql`insert into customer_identity (kind, value, customer_id, created_at) values
    ('email', ${nfd('änna@bücher.de')}, 1, '2026-01-01'), ('email', 'jörg@example.com', 2, '2026-01-01'), ('email', ${nfd('jörg@example.com')}, 3, '2026-01-02'),
    ('email', ${nfd('zoë@example.com')}, 4, '2026-01-01'), ('email', ${nfd('zoë@example.com') + '\u200B'}, 5, '2026-01-02'), ('email', 'plain@example.com', 6, '2026-01-01'),
    ('external', ${nfd('ä')}, 1, '2026-01-01')`.execute(db);
  await sql`insert into customer_merge (kept_customer_id, merged_customer_id, moved, merged_by) values
    (6, 1, ${JSON.stringify({ identities: [{ kind: 'email', namespace: '', value: nfd('änna@bücher.de') }, { kind: 'external', namespace: '', value: nfd('ä') }], orderIds: [] })}, 'test')`.execute(db);
}, (context) => {
  it('rewrites stored email keys to the form normaliseEmail gives, so they keep matching', async () => {
    const keys = await sql<{ customer_id: string; value: string }>`select customer_id::text, value from customer_identity where kind = 'email' order by customer_id`.execute(context.store.db);
    expect(keys.rows).toEqual([
      { customer_id: '1', value: normaliseEmail(nfd('ÄNNA@bücher.de')).value },
      { customer_id: '2', value: 'jörg@example.com' },
      // would land on customer 2's key: left alone, for a person to merge
      { customer_id: '3', value: nfd('jörg@example.com') },
      // two keys that become one: the older is rewritten, the other left alone
      { customer_id: '4', value: 'zoë@example.com' },
      { customer_id: '5', value: nfd('zoë@example.com') + '\u200B' },
      { customer_id: '6', value: 'plain@example.com' },
    ]);
    const external = await sql<{ value: string }>`select value from customer_identity where kind = 'external'`.execute(context.store.db);
    expect(external.rows).toEqual([{ value: nfd('ä') }]);
  });

  it('rewrites the identities a merge moved, so undo still finds them, and the profiles\' emails', async () => {
    const merge = await sql<{ moved: { identities: Array<{ kind: string; value: string }> } }>`select moved from customer_merge`.execute(context.store.db);
    expect(merge.rows[0].moved.identities.map((identity) => identity.value)).toEqual(['änna@bücher.de'.normalize('NFC'), nfd('ä')]);
    const emails = await sql<{ email: string }>`select email from customer where customer_id in (1, 5) order by customer_id`.execute(context.store.db);
    expect(emails.rows.map((row) => row.email)).toEqual(['änna@bücher.de'.normalize('NFC'), 'zoë@example.com']);
  });
});
