import { sql, type Kysely } from 'kysely';
import type { CustomerKind, Database } from '../db/schema.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { CustomerRef } from '../ingest/canonical.js';
import { recordAudit } from '../auth/audit.js';
import { getStoreSettings } from '../settings/index.js';
import { recomputeTraits } from '../traits/index.js';
import { refuseFutureBirthYear } from './birth-year.js';
import { customerEmpty, customerMergedAway, customerNotFound, identityInvalid, identityTaken, identityTakenByAnother, type IdentityUse } from './customers.errors.js';
import { findCustomersByIdentities, insertIdentities } from './customers.repo.js';
import { lockIdentityCreation } from './identity-locks.js';
import { retryingConflicts } from '../db/retry-deadlocks.js';
import { identityTripleKey, toIdentityTriple, type IdentityTriple } from './identity-resolution.js';
import { normaliseEmail, normaliseExternalIdentity, normalisePhone, phoneCountryOf } from './identity.js';
import { countCustomerRows, deleteCustomerRows, deleteSegmentHistory, erasePersonalValues, type DeletedCustomerCounts } from './delete-customer-rows.repo.js';
import { keepNewCustomersDerivedCurrent, keepProfileDerivedCurrent, keepSegmentsCurrent } from './keep-segments-current.js';
import { replaceProfileIdentities, type ProfileIdentityChange } from './replace-profile-identities.js';
import { changedConsents, recordConsentChanges } from './consent-changes.repo.js';
import { refuseSuppressedConsents, suppressIdentities } from './erasure-suppression.repo.js';

type Db = Kysely<Database>;

export type CustomerFields = {
  kind?: CustomerKind;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  birthYear?: number | null;
  gender?: string | null;
  city?: string | null;
  region?: string | null;
  country?: string | null;
  incomeBand?: string | null;
  consentEmail?: boolean | null;
  consentSms?: boolean | null;
  consentWhatsapp?: boolean | null;
  consentProfiling?: boolean | null;
};

export type IdentityInput = { kind: 'email' | 'phone' | 'external'; namespace?: string; value: string };

/**
 * Normalises one identity as ingest does, so the API and files agree on who is who.
 * `field` is the request field holding the value; an external id's namespace is its sibling `namespace`.
 */
export function normaliseIdentity(input: IdentityInput, defaultCountry: string, field = 'identity'): CustomerRef {
  if (input.kind === 'email') {
    const email = normaliseEmail(input.value);
    if (!email.value) throw identityInvalid(field, email.reason ?? 'The email is empty.');
    return { kind: 'email', value: email.value };
  }
  if (input.kind === 'phone') {
    const phone = normalisePhone(input.value, defaultCountry);
    if (!phone.value) throw identityInvalid(field, phone.reason ?? 'The phone number is empty.');
    return { kind: 'phone', value: phone.value };
  }
  if (!input.namespace) {
    throw identityInvalid(field.replace(/(^|\.)value$/, '$1namespace'), 'An external id needs a namespace: the system it comes from, e.g. "loyalty_card".');
  }
  const external = normaliseExternalIdentity(input.value);
  if (!external.value) throw identityInvalid(field, external.reason ?? 'An external id needs a value, e.g. the loyalty card number.');
  return { kind: 'external', namespace: input.namespace, value: external.value };
}

const fieldColumns = {
  kind: 'kind', name: 'name', email: 'email', phone: 'phone', birthYear: 'birth_year', gender: 'gender', city: 'city', region: 'region',
  country: 'country', incomeBand: 'income_band', consentEmail: 'consent_email', consentSms: 'consent_sms', consentWhatsapp: 'consent_whatsapp',
  consentProfiling: 'consent_profiling',
} as const;

/** A blank text is no value: stored as "", an email or phone would become an identity that every blank one collides with. */
const blankAsNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/** An email or phone as its identity key, null for one with nothing in it (only invisible characters, say). */
function identityValueOf(kind: 'email' | 'phone', text: string, defaultCountry: string): string | null {
  const normalised = kind === 'email' ? normaliseEmail(text) : normalisePhone(text, defaultCountry);
  if (normalised.value !== null || normalised.reason === null) return normalised.value;
  throw identityInvalid(kind, normalised.reason);
}

/**
 * The request's profile fields as columns, its email and phone as identity keys, and the country its
 * phone numbers are read in: the customer's own (the request's, else `storedCountry` on an update),
 * else the store's, as an import reads them.
 */
async function normaliseFields(db: Db, fields: CustomerFields, storedCountry: string | null = null): Promise<{ values: Record<string, unknown>; phoneCountry: string }> {
  const { defaultCountry } = await getStoreSettings(db);
  const values: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(fieldColumns)) {
    const value = fields[key as keyof CustomerFields];
    if (value !== undefined) values[column] = blankAsNull(value);
  }
  const customerCountry = 'country' in values ? values.country : storedCountry;
  const phoneCountry = phoneCountryOf(typeof customerCountry === 'string' ? customerCountry : null, defaultCountry);
  if (typeof values.email === 'string') values.email = identityValueOf('email', values.email, phoneCountry);
  if (typeof values.phone === 'string') values.phone = identityValueOf('phone', values.phone, phoneCountry);
  return { values, phoneCountry };
}

/** An identity to attach, with the request field it came from, so a conflict names what the caller sent. */
type SentIdentity = { ref: CustomerRef; field: string };

/** The identities of a request: each item of `identities`, then the profile's email and phone. */
function sentIdentities(identities: IdentityInput[], values: Record<string, unknown>, phoneCountry: string): SentIdentity[] {
  const sent = identities.map((identity, index) => ({ ref: normaliseIdentity(identity, phoneCountry, `identities.${index}.value`), field: `identities.${index}` }));
  if (typeof values.email === 'string') sent.push({ ref: { kind: 'email', value: values.email }, field: 'email' });
  if (typeof values.phone === 'string') sent.push({ ref: { kind: 'phone', value: values.phone }, field: 'phone' });
  return sent;
}

/**
 * Attaches the identities, refusing one another customer holds (named only to a caller who may read
 * customers); returns those the customer did not have yet.
 */
async function attachIdentities(db: Db, customerId: number, sent: SentIdentity[], use: IdentityUse, hidesOtherCustomers: boolean): Promise<IdentityTriple[]> {
  // an order naming one of them, in another request at the same time, would otherwise create a customer of its own
  await lockIdentityCreation(db, sent.map(({ ref }) => toIdentityTriple(ref)));
  const owners = await findCustomersByIdentities(db, sent.map(({ ref }) => toIdentityTriple(ref)));
  for (const { ref, field } of sent) {
    const owner = owners.get(identityTripleKey(ref));
    if (owner === undefined || owner === customerId) continue;
    throw hidesOtherCustomers ? identityTakenByAnother(ref, field, use) : identityTaken(ref, owner, field, use);
  }
  await insertIdentities(db, sent.map(({ ref }) => ({ identity: toIdentityTriple(ref), customerId })));
  const added = new Map(sent.filter(({ ref }) => !owners.has(identityTripleKey(ref))).map(({ ref }) => [identityTripleKey(ref), toIdentityTriple(ref)]));
  return [...added.values()];
}

/**
 * `clock`: the now that segments judge relative dates by (the store's data set end when it has one),
 * and whose year is the latest birth year taken.
 * `hidesOtherCustomers`: the caller may write but not read customers, so a refusal names no other customer.
 * `actor`: who makes the change (the API and the CLI give it); its audit entry is then written in the
 * change's own transaction: written after the commit, it could follow a deletion of the customer that
 * ran in between, holding the personal values that deletion erased (erasePersonalValues).
 * `beforeCommit`: more of the caller's work to commit with the change (an Idempotency-Key's answer).
 */
export type CustomerWriteOptions = {
  clock?: Clock; hidesOtherCustomers?: boolean; actor?: string;
  beforeCommit?: (trx: Db, customerId: number) => Promise<void>;
};

export async function createCustomer(db: Db, fields: CustomerFields, identities: IdentityInput[] = [], options: CustomerWriteOptions = {}): Promise<number> {
  // here, not at the edges, so every writer (API, CLI, a script) refuses what an import refuses
  refuseFutureBirthYear(fields.birthYear, (options.clock ?? systemClock).now());
  return db.transaction().execute(async (trx) => {
    const { values, phoneCountry } = await normaliseFields(trx, fields);
    const given = Object.entries(values as Record<string, unknown>).filter(([, value]) => value !== null && value !== undefined);
    if (given.length === 0 && identities.length === 0) throw customerEmpty();
    // a customer known only by identities gets the default profile (a person)
    const row = given.length > 0 ? values : { kind: 'person' };
    const created = await trx.insertInto('customer').values(row as never).returning('customer_id').executeTakeFirstOrThrow();
    await recordConsentChanges(trx, created.customer_id, changedConsents({}, values), 'staff', options.actor ?? null);
    const sent = sentIdentities(identities, values, phoneCountry);
    await attachIdentities(trx, created.customer_id, sent, 'create', options.hidesOtherCustomers ?? false);
    // a person erased before, created again by hand: recorded, but not contactable on the request's yes
    await refuseSuppressedConsents(trx, sent.map(({ ref }) => ({ identity: toIdentityTriple(ref), customerId: created.customer_id })), { actor: options.actor ?? null });
    await trx.insertInto('customer_trait').values({ customer_id: created.customer_id }).execute();
    await keepNewCustomersDerivedCurrent(trx, [created.customer_id], options.clock ?? systemClock);
    if (options.actor) {
      await recordAudit(trx, { actor: options.actor, action: 'customer.create', entity: 'customer', entityId: String(created.customer_id), detail: { fields: Object.keys(fields) } });
    }
    await options.beforeCommit?.(trx, created.customer_id);
    return created.customer_id;
  });
}

/** The profile fields an update changed, as they were and as they are now (request field names), for the audit log. */
export type CustomerChange = { before: Partial<Record<keyof CustomerFields, unknown>>; after: Partial<Record<keyof CustomerFields, unknown>> };

/** What an update did to identities: those it attached, and the old profile email or phone identities it replaced (or kept). */
export type IdentityChange = ProfileIdentityChange & { added: IdentityTriple[] };

export type CustomerUpdate = { change: CustomerChange; identityChange: IdentityChange };

export async function updateCustomer(
  db: Db, customerId: number, fields: CustomerFields, identities: IdentityInput[] = [], options: CustomerWriteOptions = {},
): Promise<CustomerUpdate> {
  refuseFutureBirthYear(fields.birthYear, (options.clock ?? systemClock).now());
  // an edit PostgreSQL ends to break a deadlock with an import batch runs again whole
  return retryingConflicts(() => db.transaction().execute(async (trx) => {
    const isContactEdited = fields.email !== undefined || fields.phone !== undefined;
    // replacing an old email or phone checks which merge brought it: no merge or undo may run in between
    if (isContactEdited) await lockCustomerMerges(trx);
    // the creation locks of the identities it attaches before the customer's row, as an import batch takes
    // them (its identities' locks, then its customers' rows): taken the other way round the two could deadlock
    if (isContactEdited || identities.length > 0) await lockIdentityCreation(trx, await identitiesToAttach(trx, customerId, fields, identities));
    // locked, so a deletion under way finishes first (and this answers 404) or waits for this edit and its audit entry;
    // not the key, so imports adding this customer's orders (their foreign keys) do not wait
    const current = await requireCustomer(trx, customerId, { lock: 'no key update' });
    const { values, phoneCountry } = await normaliseFields(trx, fields, current.country);
    const isProfileWritten = Object.keys(values).length > 0;
    if (isProfileWritten) {
      await trx.updateTable('customer').set({ ...(values as object), is_stub: false, updated_at: new Date() }).where('customer_id', '=', customerId).execute();
      // proof of consent: each consent the edit changed, when and by whom
      await recordConsentChanges(trx, customerId, changedConsents(current, values), 'staff', options.actor ?? null);
    }
    // the stored phone was read in the customer's country as it was
    const storedPhoneCountry = isContactEdited ? phoneCountryOf(current.country, (await getStoreSettings(trx)).defaultCountry) : phoneCountry;
    const replaced = isContactEdited ? await replaceProfileIdentities(trx, customerId, current, values, storedPhoneCountry) : { replaced: [], kept: [] };
    const added = await attachIdentities(trx, customerId, sentIdentities(identities, values, phoneCountry), 'update', options.hidesOtherCustomers ?? false);
    // an email or phone of a person erased before, given to this customer: their consents are refused (erasure-suppression.repo.ts)
    const refused = await refuseSuppressedConsents(trx, added.map((identity) => ({ identity, customerId })), { actor: options.actor ?? null });
    // identities alone feed no segment field and no persona feature; consents refused for them do (consent segments, profiling)
    if (isProfileWritten || refused.length > 0) await keepProfileDerivedCurrent(trx, [customerId], options.clock ?? systemClock);
    const update = { change: changeOf(current as Record<string, unknown>, values), identityChange: { ...replaced, added } };
    // an edit that sent only the values already held changed nothing: no entry, as there is nothing to review
    if (options.actor && hasChanged(update)) {
      // the values as they were and became, so an edit can be reviewed (and undone by hand): only the fields it changed
      await recordAudit(trx, { actor: options.actor, action: 'customer.update', entity: 'customer', entityId: String(customerId), detail: customerUpdateAuditDetail(update) });
    }
    await options.beforeCommit?.(trx, customerId);
    return update;
  }));
}

/** The identities an update will attach, read before the customer's row is locked (the country a local phone is read in). */
async function identitiesToAttach(db: Db, customerId: number, fields: CustomerFields, identities: IdentityInput[]): Promise<IdentityTriple[]> {
  const stored = await db.selectFrom('customer').select('country').where('customer_id', '=', customerId).executeTakeFirst();
  // no such customer: requireCustomer says so, before any field is judged
  if (!stored) return [];
  const { values, phoneCountry } = await normaliseFields(db, fields, stored.country);
  return sentIdentities(identities, values, phoneCountry).map(({ ref }) => toIdentityTriple(ref));
}

/** Whether an update changed a profile field or an identity (one that sent only the values already held did not). */
function hasChanged({ change, identityChange }: CustomerUpdate): boolean {
  const { added, replaced, kept } = identityChange;
  return Object.keys(change.after).length > 0 || added.length > 0 || replaced.length > 0 || kept.length > 0;
}

/**
 * An update's audit detail: the fields it changed, as they were and became, and what it did to
 * identities, each key only when something happened (an entry reads as what changed, no bare zero).
 */
export function customerUpdateAuditDetail({ change, identityChange }: CustomerUpdate): Record<string, unknown> {
  const { added, replaced, kept } = identityChange;
  return {
    fields: Object.keys(change.after), ...change,
    ...(added.length > 0 ? { identities: added.length, addedIdentities: added } : {}),
    ...(replaced.length > 0 ? { replacedIdentities: replaced } : {}),
    ...(kept.length > 0 ? { keptIdentities: kept } : {}),
  };
}

function changeOf(current: Record<string, unknown>, values: Record<string, unknown>): CustomerChange {
  const change: CustomerChange = { before: {}, after: {} };
  for (const [field, column] of Object.entries(fieldColumns) as Array<[keyof CustomerFields, string]>) {
    if (!(column in values) || (current[column] ?? null) === values[column]) continue;
    change.before[field] = current[column] ?? null;
    change.after[field] = values[column];
  }
  return change;
}

/** What an erasure removed, and how many of their emails and phones it kept as suppression digests. */
export type ErasureCounts = DeletedCustomerCounts & { suppressedIdentities: number };

/**
 * Removes a customer and every fact about them (orders, lines, events,
 * identities) and everything derived from them (types and their history, RFM,
 * persona, predictions, alerts, segment history), with the customers merged
 * into them: those rows hold only the profile of the same person, whose facts
 * go with this one. Such merges can no longer be undone; undoMerge refuses
 * them. The audit log keeps its entries, and answers kept for Idempotency-Key
 * replays stay, with their personal values erased (erasePersonalValues).
 * Store-wide daily sums follow through their triggers (store_purchase_day,
 * store_first_seen). Answers, and audits as `customer.delete`, the counts of
 * what went (no value of theirs).
 * `suppress` (default true): their emails and phones are kept as keyed digests (erasure_suppression), so
 * a feed still holding them brings them back with their consents refused; false when the person asked
 * for that too. The audit entry says whether one was kept, and for how many identities.
 */
export async function deleteCustomer(
  db: Db, customerId: number, options: Pick<CustomerWriteOptions, 'clock' | 'actor'> & { suppress?: boolean } = {},
): Promise<ErasureCounts> {
  return db.transaction().execute(async (trx) => {
    await lockCustomerMerges(trx);
    // waits for an edit under way, so the erasure below finds its audit entry
    await requireCustomer(trx, customerId, { lock: 'update' });
    const absorbed = await sql<{ customer_id: number }>`
      with recursive absorbed (customer_id) as (
        select customer_id from customer where merged_into_customer_id = ${customerId}::bigint
        union select c.customer_id from customer c join absorbed a on c.merged_into_customer_id = a.customer_id)
      select customer_id from absorbed`.execute(trx);
    const customerIds = [customerId, ...absorbed.rows.map((row) => Number(row.customer_id))];
    const deleted = await countCustomerRows(trx, customerIds);
    // before their identities go: only digests of them stay
    const suppressedIdentities = options.suppress === false ? 0 : await suppressIdentities(trx, await contactIdentitiesOf(trx, customerIds));
    const counts: ErasureCounts = { ...deleted, suppressedIdentities };
    await erasePersonalValues(trx, customerIds);
    const giftRecipients = await deleteCustomerRows(trx, customerIds);
    await trx.deleteFrom('customer').where('customer_id', 'in', customerIds).execute();
    await keepSegmentsCurrent(trx, customerIds, options.clock ?? systemClock);
    await deleteSegmentHistory(trx, customerIds);
    // their gifts went with them, and with those the first sign of interest of whoever received them
    if (giftRecipients.length > 0) await keepNewCustomersDerivedCurrent(trx, giftRecipients, options.clock ?? systemClock);
    if (options.actor) {
      await recordAudit(trx, {
        actor: options.actor, action: 'customer.delete', entity: 'customer', entityId: String(customerId),
        detail: { ...counts, suppressionKept: suppressedIdentities > 0 },
      });
    }
    return counts;
  });
}

/** The emails and phones of these customers, as identities and as profile values (normalised when written), for suppression. */
async function contactIdentitiesOf(db: Db, customerIds: number[]): Promise<IdentityTriple[]> {
  const identities = await db.selectFrom('customer_identity').select(['kind', 'namespace', 'value'])
    .where('customer_id', 'in', customerIds).where('kind', 'in', ['email', 'phone']).execute();
  const profiles = await db.selectFrom('customer').select(['email', 'phone']).where('customer_id', 'in', customerIds).execute();
  return [
    ...identities.map((row) => ({ kind: row.kind as IdentityTriple['kind'], namespace: row.namespace, value: row.value })),
    ...profiles.flatMap((row) => [
      ...(row.email ? [{ kind: 'email' as const, namespace: '', value: row.email }] : []),
      ...(row.phone ? [{ kind: 'phone' as const, namespace: '', value: row.phone }] : []),
    ]),
  ];
}

// any fixed key other than the migration lock's (727274)
const customerMergeLockKey = 727275;

/**
 * Serialises merges, undos and deletions store-wide for the transaction: each
 * reads which customers are merged into which before changing it, and they are
 * rare enough that waiting costs nothing. Import batches hold the same lock
 * shared (lockOutCustomerMerges), so a merge waits for the batches writing and
 * they for it.
 */
export async function lockCustomerMerges(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(${customerMergeLockKey}::bigint)`.execute(db);
}

/**
 * Keeps merges, undos, deletions and rebuilds out for the rest of the transaction, letting other
 * batches in: an import batch resolves identities to customers and writes to them, and a merge
 * committing in between would leave its orders on a merged-away customer or move them half back.
 */
export async function lockOutCustomerMerges(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(${customerMergeLockKey}::bigint)`.execute(db);
}

/**
 * `lock`: the row is locked for the transaction (FOR UPDATE, FOR NO KEY UPDATE); one deleted while waiting for the lock is not found.
 * A customer merged into another is not found either, and the error names whom they went to (`details.mergedInto`), as GET does.
 */
export async function requireCustomer(db: Db, customerId: number, options: { lock?: 'update' | 'no key update' } = {}) {
  const select = db.selectFrom('customer').selectAll().where('customer_id', '=', customerId).where('merged_into_customer_id', 'is', null);
  const locked = options.lock === 'update' ? select.forUpdate() : options.lock === 'no key update' ? select.forNoKeyUpdate() : select;
  const row = await locked.executeTakeFirst();
  if (row) return row;
  const mergedAway = await db.selectFrom('customer').select('merged_into_customer_id').where('customer_id', '=', customerId).executeTakeFirst();
  if (mergedAway?.merged_into_customer_id) throw customerMergedAway(customerId, mergedAway.merged_into_customer_id);
  throw customerNotFound(customerId);
}

export async function refreshTraitsOf(db: Db, customerIds: number[]): Promise<void> {
  const { timeZone } = await getStoreSettings(db);
  await recomputeTraits(db, customerIds, timeZone);
}

