import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { RefResolution } from '../../customers/customers.repo.js';
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
 * many created customers it took back, and the customers whose profile email or
 * phone it filled again from a kept identity (a rejected row's had filled it).
 */
export async function removeCustomersOfRejectedRows(
  db: Db, resolution: RefResolution, keptRefs: CustomerRef[][], keptCustomerIds: ReadonlySet<number>,
): Promise<{ removed: number; filledCustomerIds: number[] }> {
  const named = new Set(keptRefs.flatMap((refs) => refs.map(identityTripleKey)));
  const orphans = resolution.createdIds.filter((customerId) => !keptCustomerIds.has(customerId));
  const orphanSet = new Set(orphans);
  const planned: Array<{ identity: IdentityTriple; customerId: number }> = [
    ...resolution.newIdentities,
    ...resolution.newCustomers.flatMap((identities, slot) => identities.map((identity) => ({ identity, customerId: resolution.createdIds[slot] }))),
  ];
  const stray = planned.filter(({ identity, customerId }) => !named.has(identityTripleKey(identity)) && !orphanSet.has(customerId));
  if (orphans.length === 0 && stray.length === 0) return { removed: 0, filledCustomerIds: [] };
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
  const kept = planned.filter(({ identity, customerId }) => named.has(identityTripleKey(identity)) && !orphanSet.has(customerId));
  const filledCustomerIds = stray.length === 0 ? [] : await fillProfileContactsFromIdentities(db, kept);
  return { removed: orphans.length, filledCustomerIds };
}

/**
 * The identities a batch's resolution gave customers that its kept rows name, to kept customers: after
 * removeCustomersOfRejectedRows, what the batch really gave (the erasure suppression check reads them,
 * so a rejected row's email refuses no one's consents).
 */
export function identitiesKeptBy(
  resolution: RefResolution, keptRefs: CustomerRef[][], keptCustomerIds: ReadonlySet<number>,
): Array<{ identity: IdentityTriple; customerId: number }> {
  const named = new Set(keptRefs.flatMap((refs) => refs.map(identityTripleKey)));
  const orphans = new Set(resolution.createdIds.filter((customerId) => !keptCustomerIds.has(customerId)));
  return [
    ...resolution.newIdentities,
    ...resolution.newCustomers.flatMap((identities, slot) => identities.map((identity) => ({ identity, customerId: resolution.createdIds[slot] }))),
  ].filter(({ identity, customerId }) => named.has(identityTripleKey(identity)) && !orphans.has(customerId));
}
