import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { getStoreSettings } from '../settings/index.js';
import { findCustomersByIdentities } from './customers.repo.js';
import { identityTripleKey, toIdentityTriple } from './identity-resolution.js';
import { normaliseIdentity, requireCustomer, type IdentityInput } from './customers.service.js';
import { phoneReadingsInOtherCountries } from './search-identities.js';
import { findCustomerPersona } from '../personas/index.js';
import { externalIdVariants } from './search-text.js';
import { normaliseExternalNamespace } from './identity.js';
import { externalNamespacesWalk } from './external-namespaces.sql.js';
import { readDerivedRecency } from './derived-recency.repo.js';
import { findCustomerPrediction } from '../models/models.repo.js';
import type { ConsentKind } from './consent-kinds.js';
import { standingConsentChange, type ConsentChange, type ConsentChangeSource as ConsentSource } from './consent-changes.repo.js';

type Db = Kysely<Database>;
type CustomerRef = ReturnType<typeof normaliseIdentity>;

export { customerSorts, type CustomerSort } from './customer-sorts.js';
export { countCustomers, listCustomers, type CustomerCountQuery, type CustomerSummary, type ListCustomersQuery } from './list-customers.js';

/**
 * Finds the one customer behind an identity. An external id is stored as its system wrote it
 * (normaliseExternalIdentity: trimmed, never case-folded, as "LC-1" and "lc1" may be two cards), so
 * when the id as given is not stored, it is compared with the system's ids folded (letter case,
 * spaces, dashes, dots, slashes and underscores aside, search-text.ts): an agent types
 * "LC-0068-890246" as "lc0068890246" or "LC 0068 890246". A folded match is only a match when it
 * leads to one customer; several is said, never guessed between.
 */
export async function lookupCustomer(db: Db, identity: IdentityInput): Promise<number> {
  const { defaultCountry } = await getStoreSettings(db);
  if (identity.kind === 'phone') return lookupCustomerByPhone(db, identity.value, defaultCountry);
  const ref = normaliseIdentity(identity, defaultCountry, 'value');
  const exact = (await findCustomersByIdentities(db, [toIdentityTriple(ref)])).get(identityTripleKey(ref));
  if (exact !== undefined) return exact;
  if (ref.kind !== 'external') throw new AppError('CUSTOMER_NOT_FOUND', `No customer has the ${identity.kind} "${identity.value}".`, { field: 'value' });
  const matches = await findExternalIdsFoldedAlike(db, ref.namespace, externalIdVariants(ref.value));
  const customers = new Set(matches.map((match) => match.customerId));
  if (customers.size === 0) {
    throw new AppError('CUSTOMER_NOT_FOUND', `No customer has the ${ref.namespace} id "${identity.value}", in any letter case, with or without spaces, dashes, dots, slashes or underscores.`, { field: 'value' });
  }
  if (customers.size > 1) throw externalIdAmbiguous(ref.namespace, identity.value, matches);
  return matches[0].customerId;
}

/**
 * A number without its country code is read in the store's country first; when no one has it so, in
 * each other country the store's numbers are in (phoneReadingsInOtherCountries): a Latvian
 * customer's 26123456 in an Indonesian store. Readings that lead to several customers are said,
 * never guessed between. The store's reading that is no number is refused as before, unless
 * another country's reading finds someone.
 */
async function lookupCustomerByPhone(db: Db, value: string, defaultCountry: string): Promise<number> {
  let own: CustomerRef | null = null;
  let ownError: unknown = null;
  try {
    own = normaliseIdentity({ kind: 'phone', value }, defaultCountry, 'value');
  } catch (error) {
    ownError = error;
  }
  if (own !== null) {
    const exact = (await findCustomersByIdentities(db, [toIdentityTriple(own)])).get(identityTripleKey(own));
    if (exact !== undefined) return exact;
  }
  const others = (await phoneReadingsInOtherCountries(db, value, defaultCountry)).map((reading): CustomerRef => ({ kind: 'phone', value: reading }));
  const found = await findCustomersByIdentities(db, others.map(toIdentityTriple));
  const matches = others.flatMap((ref) => {
    const customerId = found.get(identityTripleKey(ref));
    return customerId === undefined ? [] : [{ value: ref.value, customerId }];
  });
  if (matches.length === 0 && ownError !== null) throw ownError;
  if (matches.length === 0) throw new AppError('CUSTOMER_NOT_FOUND', `No customer has the phone "${value}".`, { field: 'value' });
  if (new Set(matches.map((match) => match.customerId)).size > 1) {
    const listed = matches.map((match) => `${match.value} (#${match.customerId})`).join(', ');
    throw new AppError('CUSTOMER_LOOKUP_AMBIGUOUS',
      `No customer has "${value}" as a ${defaultCountry} number (the store's country), and read as a local number of other countries it is several customers' numbers: ${listed}. Give the number with its country code.`,
      { field: 'value', matches });
  }
  return matches[0].customerId;
}

/** More than anyone reads in one answer: ids that fold alike are a handful when they are several at all. */
const mostFoldedMatches = 20;

/**
 * The ids of one system that fold (external_id_folded) as one of `values` does, as stored. The
 * expression of customer_identity_external_folded_idx (db/migrations/202612160100_external_id_folded.sql),
 * one probe of it per distinct folded value and spelling of the system; a value that folds to
 * nothing (only dashes) is no id. The system is looked for under every stored spelling that reads
 * as it (normaliseExternalNamespace): ids stored before systems were normalised (`LOYALTY_CARD`)
 * are found by `loyalty_card`.
 */
async function findExternalIdsFoldedAlike(db: Db, namespace: string, values: string[]): Promise<Array<{ value: string; customerId: number }>> {
  const namespaces = await storedSpellingsOf(db, namespace);
  const result = await sql<{ value: string; customer_id: number | string }>`
    select i.value, i.customer_id
    from (
      select distinct external_id_folded(v.value) as folded from unnest(${values}::text[]) v(value) where external_id_folded(v.value) <> ''
    ) v
    cross join unnest(${namespaces}::text[]) n(namespace)
    cross join lateral (
      select value, customer_id from customer_identity i
      where i.kind = 'external' and i.namespace = n.namespace and external_id_folded(i.value) = v.folded
      limit ${mostFoldedMatches}
    ) i
    order by i.value
    limit ${mostFoldedMatches}`.execute(db);
  return result.rows.map((row) => ({ value: row.value, customerId: Number(row.customer_id) }));
}

/**
 * The stored spellings of an external id system that read as `namespace`, itself first: the few
 * systems are walked as the search walks them (a loose index scan over the identity key).
 */
async function storedSpellingsOf(db: Db, namespace: string): Promise<string[]> {
  const result = await sql<{ namespace: string }>`
    with recursive ${externalNamespacesWalk}
    select namespace from namespaces where namespace is not null`.execute(db);
  const others = result.rows.map((row) => row.namespace).filter((stored) => stored !== namespace && normaliseExternalNamespace(stored) === namespace);
  return [namespace, ...others];
}

/**
 * The id as given is stored nowhere, but folded (case, spaces, dashes, dots, slashes, underscores)
 * it is several customers' ids: told with each as stored, so the caller can give the one meant exactly.
 */
function externalIdAmbiguous(namespace: string, value: string, matches: Array<{ value: string; customerId: number }>): AppError {
  const listed = matches.map((match) => `"${match.value}" (#${match.customerId})`).join(', ');
  return new AppError('CUSTOMER_LOOKUP_AMBIGUOUS',
    `No ${namespace} id is "${value}" exactly, and written with other letter case, spaces, dashes, dots, slashes or underscores it is several customers' ids: ${listed}. Give the id exactly as stored.`,
    { field: 'value', matches });
}

/** Since when a consent holds its stored value, and through what; nulls when it was set before changes were recorded (customer_consent_change). */
export type ConsentProof = { since: Date | null; source: ConsentSource | null; import_run_id: number | null };

/**
 * Each consent's proof: its latest recorded change, except that a merge's undo gives back the
 * record the merge replaced (standingConsentChange): its since and source, not the undo's (who
 * made a staff edit stays in the table and the audit log: its email is not for every reader).
 */
async function readConsentProofs(db: Db, customerId: number): Promise<Record<ConsentKind, ConsentProof>> {
  const changes = await db.selectFrom('customer_consent_change').select(['kind', 'granted', 'changed_at', 'source', 'import_run_id'])
    .where('customer_id', '=', customerId).orderBy('kind').orderBy('changed_at').orderBy('change_id').execute();
  const none: ConsentProof = { since: null, source: null, import_run_id: null };
  const proofs: Record<ConsentKind, ConsentProof> = { email: none, sms: none, whatsapp: none, profiling: none };
  for (const kind of Object.keys(proofs) as ConsentKind[]) {
    const standing = standingConsentChange(changes.filter((change) => change.kind === kind) as Array<ConsentChange & typeof changes[number]>);
    if (standing) proofs[kind] = { since: new Date(standing.changed_at), source: standing.source, import_run_id: standing.import_run_id === null ? null : Number(standing.import_run_id) };
  }
  return proofs;
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
  // its days (as_of, next_purchase_day) as YYYY-MM-DD
  const prediction = await findCustomerPrediction(db, customerId);
  const categories = await db.selectFrom('customer_category').select(['category', 'line_count', 'quantity', 'amount_minor']).where('customer_id', '=', customerId).orderBy('amount_minor', 'desc').execute();
  const persona = await findCustomerPersona(db, customerId);
  const { rfm, ordersSincePrediction } = await readDerivedRecency(db, customerId);
  const consents = await readConsentProofs(db, customerId);
  return {
    customer, consents, identities, traits: traits ?? null, categories,
    prediction: prediction ? { ...prediction, orders_recorded_since: ordersSincePrediction } : null, rfm, persona,
  };
}
