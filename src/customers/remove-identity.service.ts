import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { recordAudit } from '../auth/audit.js';
import { systemClock, type Clock } from '../core/clock.js';
import { getStoreSettings } from '../settings/index.js';
import type { CustomerRef } from '../ingest/canonical.js';
import { isAppError } from '../core/errors.js';
import { identityMovedByMerge, identityMovedByMergeOfAnother, identityNotFound } from './customers.errors.js';
import { deleteCustomerIdentity, findPendingMergeOfIdentity } from './customers.repo.js';
import { lockCustomerMerges, normaliseIdentity, requireCustomer, type IdentityInput } from './customers.service.js';
import { toIdentityTriple, type IdentityTriple } from './identity-resolution.js';
import { keepSegmentsCurrent } from './keep-segments-current.js';
import { identityKey, normaliseExternalId, normaliseExternalNamespace, normaliseStoredEmail, normalisePhone, phoneCountryOf } from './identity.js';

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
export async function removeIdentity(
  db: Db, customerId: number, input: IdentityInput, actor: string, options: { clock?: Clock; hidesOtherCustomers?: boolean } = {},
): Promise<RemovedIdentity> {
  return db.transaction().execute(async (trx) => {
    // a merge or its undo moves identities: none may run between the check and the removal
    await lockCustomerMerges(trx);
    const customer = await requireCustomer(trx, customerId);
    // a number without its country code is read as it was stored: in the customer's own country
    const phoneCountry = phoneCountryOf(customer.country, (await getStoreSettings(trx)).defaultCountry);
    const { refs, refusal } = storedFormsOf(input, phoneCountry);
    const ref = await deleteFirstStored(trx, customerId, refs);
    if (!ref) throw refusal ?? identityNotFound(customerId, refs[0]);
    const identity = toIdentityTriple(ref);
    const merge = await findPendingMergeOfIdentity(trx, customerId, identity);
    // thrown after the removal, the transaction takes it back; a caller who may not read customers is not told whom the merge brought
    if (merge) throw options.hidesOtherCustomers ? identityMovedByMergeOfAnother(ref, merge.mergeId) : identityMovedByMerge(ref, merge.mergeId, merge.mergedCustomerId);
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

const formatCharacter = /\p{Cf}/u;

/**
 * The forms the value given may be stored in, the one an add stores first, and why an add refuses it
 * (thrown when none is stored). An email or external id with a format character (a bidi override, say)
 * is refused on add, but an older version stored such values: one is found as given, or as that
 * version normalised it, so that it can still be removed.
 */
function storedFormsOf(input: IdentityInput, phoneCountry: string): { refs: CustomerRef[]; refusal: Error | null } {
  const isStoredBeforeRefusal = input.kind !== 'phone' && formatCharacter.test(input.value) && (input.kind === 'email' || Boolean(input.namespace));
  if (!isStoredBeforeRefusal) return { refs: withNamespaceSpellings([normaliseIdentity(input, phoneCountry, 'value')]), refusal: null };
  let refusal: Error | null = null;
  const values: string[] = [];
  try {
    values.push(normaliseIdentity(input, phoneCountry, 'value').value);
  } catch (error) {
    if (!isAppError(error)) throw error;
    refusal = error;
  }
  const asOlderVersionsStoredIt = input.kind === 'email' ? normaliseStoredEmail(input.value).value : normaliseExternalId(input.value);
  if (asOlderVersionsStoredIt !== null) values.push(asOlderVersionsStoredIt);
  values.push(input.value);
  const refs = [...new Set(values)].map((value): CustomerRef => (input.kind === 'email' ? { kind: 'email', value } : { kind: 'external', namespace: input.namespace!, value }));
  return { refs: withNamespaceSpellings(refs), refusal };
}

/**
 * An external id under its system as adds now store it (normaliseExternalNamespace: `loyalty_card`),
 * then as given: one stored before systems were normalised (`LOYALTY_CARD`) can still be removed.
 */
function withNamespaceSpellings(refs: CustomerRef[]): CustomerRef[] {
  const forms = refs.flatMap((ref): CustomerRef[] => (ref.kind === 'external' ? [{ ...ref, namespace: normaliseExternalNamespace(ref.namespace) }, ref] : [ref]));
  return forms.filter((ref, index) => forms.findIndex((other) => identityKey(other) === identityKey(ref)) === index);
}

/** Removes the first of `refs` the customer has, and answers which it was (null for none). */
async function deleteFirstStored(db: Db, customerId: number, refs: CustomerRef[]): Promise<CustomerRef | null> {
  for (const ref of refs) {
    if (await deleteCustomerIdentity(db, customerId, toIdentityTriple(ref))) return ref;
  }
  return null;
}

/**
 * The profile field showing this identity: compared normalised, as a value stored before normalisation changed may be written otherwise
 * (an email with a format character among them, which only that older normalisation reads).
 */
function fieldHolding(customer: { email: string | null; phone: string | null }, identity: IdentityTriple, phoneCountry: string): 'email' | 'phone' | null {
  if (identity.kind === 'email' && customer.email !== null && normaliseStoredEmail(customer.email).value === identity.value) return 'email';
  if (identity.kind === 'phone' && customer.phone !== null && normalisePhone(customer.phone, phoneCountry).value === identity.value) return 'phone';
  return null;
}
