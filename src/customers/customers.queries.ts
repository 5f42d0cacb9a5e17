import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { getStoreSettings } from '../settings/index.js';
import { findCustomersByIdentities } from './customers.repo.js';
import { identityTripleKey, toIdentityTriple } from './identity-resolution.js';
import { normaliseIdentity, requireCustomer, type IdentityInput } from './customers.service.js';
import { findCustomerPersona } from '../personas/index.js';

type Db = Kysely<Database>;

export { customerSorts, type CustomerSort } from './customer-sorts.js';
export { countCustomers, listCustomers, type CustomerCountQuery, type CustomerSummary, type ListCustomersQuery } from './list-customers.js';

/** Finds the one customer behind an identity, in one index probe. */
export async function lookupCustomer(db: Db, identity: IdentityInput): Promise<number> {
  const { defaultCountry } = await getStoreSettings(db);
  const ref = normaliseIdentity(identity, defaultCountry, 'value');
  const found = await findCustomersByIdentities(db, [toIdentityTriple(ref)]);
  const customerId = found.get(identityTripleKey(ref));
  if (customerId === undefined) throw new AppError('CUSTOMER_NOT_FOUND', `No customer has the ${identity.kind} "${identity.value}".`, { field: 'value' });
  return customerId;
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
