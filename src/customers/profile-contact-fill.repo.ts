import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { IdentityTriple } from './identity-resolution.js';

type Db = Kysely<Database>;

/** A profile field an attached identity may fill: the customer's email or phone column. */
type ContactKind = 'email' | 'phone';

/** For each customer, the first email and the first phone among identities attached to them, in batch order. */
function firstContacts(attached: ReadonlyArray<{ identity: IdentityTriple; customerId: number }>, kind: ContactKind): Array<{ customerId: number; value: string }> {
  const first = new Map<number, string>();
  for (const { identity, customerId } of attached) if (identity.kind === kind && !first.has(customerId)) first.set(customerId, identity.value);
  return [...first].map(([customerId, value]) => ({ customerId, value }));
}

/**
 * Fills the empty profile email and phone of customers already known from an identity a batch
 * attached to them: a buyer first seen as a stub by phone gives an email in a later order, and
 * lists, search answers and exports (which show the profile column) should show it, as they do for
 * a customer created with it. Only an empty field is filled, never a stated one; only from an
 * identity the customer holds (its insert may have found it taken); never with an email another
 * customer's profile shows; and never where staff emptied the field (an edit, or the removal of
 * the identity it showed): an import must not bring back what staff took away. Returns the
 * customers whose profile it filled.
 */
export async function fillProfileContactsFromIdentities(db: Db, attached: ReadonlyArray<{ identity: IdentityTriple; customerId: number }>): Promise<number[]> {
  const filled = new Set<number>();
  for (const kind of ['email', 'phone'] as const) {
    const fills = firstContacts(attached, kind);
    if (fills.length === 0) continue;
    const column = sql.ref(`c.${kind}`);
    // the email is compared in any case, as customer_email_any_case_idx answers; a phone column has no
    // index to ask, and a phone identity is one customer's at most (customer_identity's key)
    const takenByAnother = kind === 'email'
      ? sql`exists (select 1 from customer o where lower(o.email) = lower(s.value) and o.customer_id <> c.customer_id and o.merged_into_customer_id is null)`
      : sql`false`;
    const result = await sql<{ customer_id: number | string }>`
      update customer c set ${sql.ref(kind)} = s.value, updated_at = now()
      from unnest(${fills.map((fill) => fill.customerId)}::bigint[], ${fills.map((fill) => fill.value)}::text[]) as s(customer_id, value)
      where c.customer_id = s.customer_id and ${column} is null and c.merged_into_customer_id is null
        and exists (select 1 from customer_identity ci where ci.kind = ${kind}::text and ci.namespace = '' and ci.value = s.value and ci.customer_id = c.customer_id)
        and not ${takenByAnother}
        and not exists (select 1 from audit_event a where a.entity = 'customer' and a.entity_id = c.customer_id::text
          and ((a.action = 'customer.update' and a.detail->'fields' @> jsonb_build_array(${kind}::text))
            or (a.action = 'customer.identity.remove' and a.detail->>'clearedField' = ${kind}::text)))
      returning c.customer_id`.execute(db);
    for (const row of result.rows) filled.add(Number(row.customer_id));
  }
  // their segments on email or phone are judged again with the batch's changed customers
  return [...filled];
}

/**
 * Empties again the profile fields fillProfileContactsFromIdentities filled in this transaction
 * from identities that were then taken back (their row was rejected). A field it filled holds the
 * identity's value and was updated at the transaction's time (now()); a stated one equal to it would
 * have held the identity already, so none was filled from it.
 */
export async function unfillProfileContacts(db: Db, removed: ReadonlyArray<{ identity: IdentityTriple; customerId: number }>): Promise<void> {
  for (const kind of ['email', 'phone'] as const) {
    const taken = removed.filter(({ identity }) => identity.kind === kind);
    if (taken.length === 0) continue;
    await sql`
      update customer c set ${sql.ref(kind)} = null
      from unnest(${taken.map((entry) => entry.customerId)}::bigint[], ${taken.map((entry) => entry.identity.value)}::text[]) as s(customer_id, value)
      where c.customer_id = s.customer_id and ${sql.ref(`c.${kind}`)} = s.value and c.updated_at = now()`.execute(db);
  }
}
