import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { recordAudit } from '../auth/audit.js';
import { systemClock, type Clock } from '../core/clock.js';
import { getStoreSettings } from '../settings/index.js';
import { identityMovedByMerge, identityNotFound } from './customers.errors.js';
import { deleteCustomerIdentity, findPendingMergeOfIdentity } from './customers.repo.js';
import { lockCustomerMerges, normaliseIdentity, requireCustomer, type IdentityInput } from './customers.service.js';
import { toIdentityTriple, type IdentityTriple } from './identity-resolution.js';
import { keepSegmentsCurrent } from './keep-segments-current.js';
import { normaliseEmail, normalisePhone, phoneCountryOf } from './identity.js';

type Db = Kysely<Database>;

/** What a removal did: the identity as stored, and the profile field it also emptied, if it was that field's value. */
export type RemovedIdentity = { removed: IdentityTriple; clearedField: 'email' | 'phone' | null };

/**
 * Removes a wrongly entered or outdated identity, so searches and later imports no longer find
 * this customer by it; audited as `customer.identity.remove`. An email or phone shown on the
 * profile is that identity too: left there, it would read as still known, and saving the profile
 * again would bring the identity back. An identity a merge brought is refused until that merge
 * is undone: undo moves back what the merge moved, and refuses to when any of it is gone.
 */
export async function removeIdentity(db: Db, customerId: number, input: IdentityInput, actor: string, options: { clock?: Clock } = {}): Promise<RemovedIdentity> {
  return db.transaction().execute(async (trx) => {
    // a merge or its undo moves identities: none may run between the check and the removal
    await lockCustomerMerges(trx);
    const customer = await requireCustomer(trx, customerId);
    // a number without its country code is read as it was stored: in the customer's own country
    const phoneCountry = phoneCountryOf(customer.country, (await getStoreSettings(trx)).defaultCountry);
    const ref = normaliseIdentity(input, phoneCountry, 'value');
    const identity = toIdentityTriple(ref);
    const merge = await findPendingMergeOfIdentity(trx, customerId, identity);
    if (!(await deleteCustomerIdentity(trx, customerId, identity))) throw identityNotFound(customerId, ref);
    // thrown after the removal, the transaction takes it back
    if (merge) throw identityMovedByMerge(ref, merge.mergeId, merge.mergedCustomerId);
    const clearedField = fieldHolding(customer, identity, phoneCountry);
    if (clearedField) {
      await trx.updateTable('customer').set({ [clearedField]: null, updated_at: new Date() }).where('customer_id', '=', customerId).execute();
      await keepSegmentsCurrent(trx, [customerId], options.clock ?? systemClock);
    }
    const before = clearedField ? { [clearedField]: customer[clearedField] } : {};
    await recordAudit(trx, {
      actor, action: 'customer.identity.remove', entity: 'customer', entityId: String(customerId),
      detail: { kind: identity.kind, namespace: identity.namespace, value: identity.value, clearedField, before },
    });
    return { removed: identity, clearedField };
  });
}

/** The profile field showing this identity: compared normalised, as a value stored before normalisation changed may be written otherwise. */
function fieldHolding(customer: { email: string | null; phone: string | null }, identity: IdentityTriple, phoneCountry: string): 'email' | 'phone' | null {
  if (identity.kind === 'email' && customer.email !== null && normaliseEmail(customer.email).value === identity.value) return 'email';
  if (identity.kind === 'phone' && customer.phone !== null && normalisePhone(customer.phone, phoneCountry).value === identity.value) return 'phone';
  return null;
}
