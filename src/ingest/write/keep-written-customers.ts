import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { identitiesGivenBy, type RefResolution } from '../../customers/customers.repo.js';
import { fillProfileContactsFromIdentities, unfillProfileContacts } from '../../customers/profile-contact-fill.repo.js';
import { identityTripleKey, type IdentityTriple } from '../../customers/identity-resolution.js';
import type { CustomerRef } from '../canonical.js';

type Db = Kysely<Database>;

/**
 * Takes back what a batch's customer resolution created for rows that were
 * then rejected (an order id of another customer, a duplicate, an event
 * rewritten): a rejected row writes nothing, neither a stub customer nor an
 * identity. Customers are created before the rows are written because the
 * common batch rejects nothing, and knowing which rows survive would cost a
 * round trip of its own; this runs only when a row was rejected. Returns how
 * many created customers it took back, the customers whose profile email or
 * phone it filled again from a kept identity (a rejected row's had filled it), and
 * the identities the batch really gave (`kept`: the erasure suppression check reads them).
 */
export async function removeCustomersOfRejectedRows(
  db: Db, resolution: RefResolution, keptRefs: CustomerRef[][], keptCustomerIds: ReadonlySet<number>,
): Promise<{ removed: number; filledCustomerIds: number[]; kept: Array<{ identity: IdentityTriple; customerId: number }> }> {
  const named = new Set(keptRefs.flatMap((refs) => refs.map(identityTripleKey)));
  const orphans = resolution.createdIds.filter((customerId) => !keptCustomerIds.has(customerId));
  const orphanSet = new Set(orphans);
  const planned = identitiesGivenBy(resolution);
  const stray = planned.filter(({ identity, customerId }) => !named.has(identityTripleKey(identity)) && !orphanSet.has(customerId));
  // what the batch really gave: its kept rows' identities, to customers that stay
  const kept = planned.filter(({ identity, customerId }) => named.has(identityTripleKey(identity)) && !orphanSet.has(customerId));
  if (orphans.length === 0 && stray.length === 0) return { removed: 0, filledCustomerIds: [], kept };
  // the profile email or phone a stray identity filled goes with it (see unfillProfileContacts)
  await unfillProfileContacts(db, stray);
  await sql`
    with stray_identity as (
      delete from customer_identity ci
      using unnest(${stray.map((s) => s.identity.kind)}::text[], ${stray.map((s) => s.identity.namespace)}::text[],
        ${stray.map((s) => s.identity.value)}::text[], ${stray.map((s) => s.customerId)}::bigint[]) as s(kind, namespace, value, customer_id)
      where ci.kind = s.kind and ci.namespace = s.namespace and ci.value = s.value and ci.customer_id = s.customer_id
      returning 1
    ),
    orphan_identity as (delete from customer_identity where customer_id = any(${orphans}::bigint[]) returning 1),
    orphan_trait as (delete from customer_trait where customer_id = any(${orphans}::bigint[]) returning 1)
    delete from customer where customer_id = any(${orphans}::bigint[])`.execute(db);
  // an accepted row's email or phone fills the field a rejected row's had filled first
  const filledCustomerIds = stray.length === 0 ? [] : await fillProfileContactsFromIdentities(db, kept);
  return { removed: orphans.length, filledCustomerIds, kept };
}
