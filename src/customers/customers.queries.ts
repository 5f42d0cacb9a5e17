import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { getStoreSettings } from '../settings/index.js';
import { findCustomersByIdentities } from './customers.repo.js';
import { identityTripleKey, toIdentityTriple } from './identity-resolution.js';
import { normaliseIdentity, requireCustomer, type IdentityInput } from './customers.service.js';
import { findCustomerPersona } from '../personas/index.js';
import { externalIdVariants } from './search-text.js';

type Db = Kysely<Database>;

export { customerSorts, type CustomerSort } from './customer-sorts.js';
export { countCustomers, listCustomers, type CustomerCountQuery, type CustomerSummary, type ListCustomersQuery } from './list-customers.js';

/**
 * Finds the one customer behind an identity. An external id is stored as its system wrote it
 * (normaliseExternalIdentity: trimmed, never case-folded, as "LC-1" and "lc1" may be two cards), so
 * when the id as given is not stored, the forms the search tries (search-text.ts: letter case, spaces
 * and dashes aside) are: an agent reads "LC0068890246" out as "lc-0068-890246". Those forms are
 * only a match when they lead to one customer; several is said, never guessed between.
 */
export async function lookupCustomer(db: Db, identity: IdentityInput): Promise<number> {
  const { defaultCountry } = await getStoreSettings(db);
  const ref = normaliseIdentity(identity, defaultCountry, 'value');
  const exact = (await findCustomersByIdentities(db, [toIdentityTriple(ref)])).get(identityTripleKey(ref));
  if (exact !== undefined) return exact;
  if (ref.kind !== 'external') throw new AppError('CUSTOMER_NOT_FOUND', `No customer has the ${identity.kind} "${identity.value}".`, { field: 'value' });
  const notFound = new AppError('CUSTOMER_NOT_FOUND', `No customer has the ${ref.namespace} id "${identity.value}", in any letter case, with or without its spaces and dashes.`, { field: 'value' });
  const variants = externalIdVariants(ref.value).map((value) => ({ ...toIdentityTriple(ref), value }));
  const found = await findCustomersByIdentities(db, variants);
  const matches = variants.flatMap(({ value, ...triple }) => {
    const customerId = found.get(identityTripleKey({ ...triple, value }));
    return customerId === undefined ? [] : [{ value, customerId }];
  });
  const customers = new Set(matches.map((match) => match.customerId));
  if (customers.size === 0) throw notFound;
  if (customers.size > 1) throw externalIdAmbiguous(ref.namespace, identity.value, matches);
  return matches[0].customerId;
}

/**
 * The id as given is stored nowhere, but written another way (case, spaces, dashes) it is two
 * customers' ids: told with each as stored, so the caller can give the one meant exactly.
 */
function externalIdAmbiguous(namespace: string, value: string, matches: Array<{ value: string; customerId: number }>): AppError {
  const listed = matches.map((match) => `"${match.value}" (#${match.customerId})`).join(', ');
  return new AppError('CUSTOMER_LOOKUP_AMBIGUOUS',
    `No ${namespace} id is "${value}" exactly, and written with other letter case, spaces or dashes it is several customers' ids: ${listed}. Give the id exactly as stored.`,
    { field: 'value', matches });
}

export async function getCustomer(db: Db, customerId: number) {
  const customer = await requireCustomer(db, customerId).catch(async (error) => {
    const merged = await db.selectFrom('customer').select('merged_into_customer_id').where('customer_id', '=', customerId).executeTakeFirst();
    if (merged?.merged_into_customer_id) {
      throw new AppError('CUSTOMER_NOT_FOUND', `Customer #${customerId} was merged into #${merged.merged_into_customer_id}.`, { field: 'customerId', mergedInto: merged.merged_into_customer_id });
    }
    throw error;
  });
  const identities = await db.selectFrom('customer_identity').select(['kind', 'namespace', 'value', 'created_at']).where('customer_id', '=', customerId).orderBy('created_at').execute();
  const traits = await db.selectFrom('customer_trait').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
  const prediction = await db.selectFrom('customer_prediction').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
  const categories = await db.selectFrom('customer_category').select(['category', 'line_count', 'quantity', 'amount_minor']).where('customer_id', '=', customerId).orderBy('amount_minor', 'desc').execute();
  const persona = await findCustomerPersona(db, customerId);
  return { customer, identities, traits: traits ?? null, categories, prediction: prediction ?? null, persona };
}
