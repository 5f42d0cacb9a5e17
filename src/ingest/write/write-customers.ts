import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { createResolvedCustomers, identitiesGivenBy, planCustomerFileRefs, type FileRowRefusal, type NewCustomerRow } from '../../customers/customers.repo.js';
import { identityTripleKey } from '../../customers/identity-resolution.js';
import { refuseSuppressedConsents } from '../../customers/erasure-suppression.repo.js';
import type { CanonicalCustomer, CustomerRef, Reject } from '../canonical.js';
import { emptyOutcome, type BatchOutcome, type WriteContext } from './batch-context.js';
import { readCustomerFileMemory, rememberCustomerFileRows, type GivenFields } from './customer-file-memory.repo.js';
import { joinStubs } from './join-stubs.js';
import { whereFirstAppeared } from './row-place.js';

type Db = Kysely<Database>;

/** A customer row's email and phone are identities too: a later order by email finds this person. */
export function refsOfCustomer(row: CanonicalCustomer): CustomerRef[] {
  const refs = [...row.refs];
  const has = (kind: 'email' | 'phone', value: string) => refs.some((ref) => ref.kind === kind && ref.value === value);
  if (row.email && !has('email', row.email)) refs.push({ kind: 'email', value: row.email });
  if (row.phone && !has('phone', row.phone)) refs.push({ kind: 'phone', value: row.phone });
  return refs;
}

const fieldNames = ['kind', 'name', 'email', 'phone', 'birthYear', 'gender', 'city', 'region', 'country', 'incomeBand', 'consentEmail', 'consentSms', 'consentProfiling', 'createdAt',
  // last: a running import's memory (import_given.fields) holds each field as the bit of its place here
  'consentWhatsapp'] as const;

/** The facts of a customer row, without its line and refs. */
type CustomerFacts = Omit<CanonicalCustomer, 'line' | 'refs' | 'attributes'> & { attributes: Record<string, string | number> };

// Batches are separate transactions, and a stored customer cannot tell which of its fields this
// file gave, so the import remembers that, and each accepted row's first id, in the database
// (customer-file-memory.repo.ts): each batch reads what concerns its own rows and adds its own in
// its transaction, so memory stays constant however long the file. Without it a row would merge
// or be refused depending on whether the rows naming its person share a batch.

/**
 * What a row says that earlier rows of the file about the same person left
 * empty, and records what it gives in `given` (returning whether that grew).
 * Rows naming one person through different ids (a web account and a loyalty
 * card sharing an email) are merged: the earlier row's values win and a later
 * row fills the fields it left empty, whichever batches the rows are in.
 */
function takeUngivenFacts(row: CanonicalCustomer, customerId: number, given: Map<number, GivenFields>): { facts: CustomerFacts; givesMore: boolean } {
  let entry = given.get(customerId);
  if (!entry) given.set(customerId, (entry = { fields: 0, attributes: null }));
  const before = entry.fields;
  let givesMore = false;
  const facts = { attributes: {} } as CustomerFacts;
  fieldNames.forEach((name, bit) => {
    const value = row[name];
    (facts as Record<string, unknown>)[name] = (entry.fields & (1 << bit)) === 0 ? value : null;
    if (value !== null) entry.fields |= 1 << bit;
  });
  for (const [name, value] of Object.entries(row.attributes ?? {})) {
    if (entry.attributes?.has(name)) continue;
    facts.attributes[name] = value;
    (entry.attributes ??= new Set()).add(name);
    givesMore = true;
  }
  return { facts, givesMore: givesMore || entry.fields !== before };
}

/** Facts of one person from several rows; each field was given by at most one of them (see takeUngivenFacts). */
function combineFacts(a: CustomerFacts, b: CustomerFacts): CustomerFacts {
  const combined = { ...a, attributes: { ...a.attributes, ...b.attributes } };
  for (const name of fieldNames) (combined as Record<string, unknown>)[name] = a[name] ?? b[name];
  return combined;
}

/** Whether facts add anything to a person created by an earlier row of the same batch ('person' is every new customer's kind). */
function addsToNewCustomer(facts: CustomerFacts): boolean {
  return fieldNames.some((name) => facts[name] !== null && !(name === 'kind' && facts.kind === 'person')) || Object.keys(facts.attributes).length > 0;
}

type AcceptedRow = { row: CanonicalCustomer; customerId: number; facts: CustomerFacts; addsIdentity: boolean; isFirstInBatch: boolean };

/**
 * Upserts a batch of a customer file. New people are created whole; known
 * ones (by any identity) get the fields the file provides, and stubs created
 * by earlier orders are completed; a row naming several stubs (one person's
 * orders by phone and by email) joins them with recorded, undoable merges.
 * Empty fields never erase what is known. A refused row (the same id twice,
 * an id, email or phone of another customer with a profile) writes nothing. Each row counts once: inserted when it created its customer,
 * updated when it changed what was stored (a field, or a new identity),
 * unchanged otherwise — whatever the batch size.
 */
export async function writeCustomers(db: Db, rows: CanonicalCustomer[], context: WriteContext): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  if (rows.length === 0) return outcome;
  const rowRefs = rows.map(refsOfCustomer);
  const memory = await readCustomerFileMemory(db, context.importId, rowRefs.flat());
  const resolution = await planCustomerFileRefs(db, rows.map((row, index) => ({ refs: rowRefs[index], line: row.line })), memory.firstRefLines);
  const created = new Set(resolution.createdIds);
  
  const accepted: AcceptedRow[] = [];
  const inBatch = new Set<number>();
  const firstRefs: Array<{ ref: CustomerRef; line: number; customerId: number }> = [];
  const givenMore = new Set<number>();
  // a refusal names each customer by the name they had when the row was decided, not one a later row gives
  const names = await storedNamesOf(db, resolution.refusals);
  const refusalNames = new Map<number, ReadonlyMap<number, string | null>>();
  const refusalOf = new Map(resolution.refusals.map((refusal) => [refusal.row, refusal]));
  rows.forEach((row, index) => {
    const refusal = refusalOf.get(index);
    if (refusal) {
      if (refusal.kind === 'taken') refusalNames.set(index, new Map([refusal.customerId, refusal.ownerId].map((id) => [id, names.get(id) ?? null])));
      return;
    }
    const customerId = resolution.customerIds[index];
    const { facts, givesMore } = takeUngivenFacts(row, customerId, memory.given);
    if (facts.name !== null && names.has(customerId)) names.set(customerId, facts.name);
    accepted.push({ row, customerId, facts, addsIdentity: resolution.addsIdentity[index], isFirstInBatch: !inBatch.has(customerId) });
    inBatch.add(customerId);
    firstRefs.push({ ref: rowRefs[index][0], line: row.line, customerId });
    if (givesMore) givenMore.add(customerId);
  });
  await rememberCustomerFileRows(db, context.importId, firstRefs, [...givenMore].map((customerId) => ({ customerId, ...memory.given.get(customerId)! })));

  // people seen for the first time are written whole, with what the file says of them
  const newFacts = new Map<number, CustomerFacts>();
  const described = new Map<number, NewCustomerRow>();
  for (const { row, customerId, facts, addsIdentity, isFirstInBatch } of accepted) {
    if (!created.has(customerId)) continue;
    const earlier = newFacts.get(customerId);
    newFacts.set(customerId, earlier ? combineFacts(earlier, facts) : facts);
    described.set(customerId, newCustomerRow(newFacts.get(customerId)!, context.importId, row.line));
    if (isFirstInBatch) outcome.inserted += 1;
    else if (addsIdentity || addsToNewCustomer(facts)) outcome.updated += 1;
    else outcome.unchanged += 1;
  }
  await createResolvedCustomers(db, resolution, described);
  outcome.createdCustomers = resolution.createdIds.length;
  // stubs a row joined become part of its customer before the row's facts are applied to them
  outcome.joins = await joinStubs(db, resolution.joins.map((join) => ({ line: rows[join.row].line, customerId: join.customerId, mergedIds: join.mergedIds })), context);
  // every customer the batch wrote, so that segments (consent, city…) reconsider them in its transaction
  const changedCustomerIds = new Set([...created, ...outcome.joins.map((join) => join.customerId)]);

  // the consents of the people it created, as they stand after the joins: where and when they were first given
  if (created.size > 0) await recordCreatedConsents(db, [...created], context);

  const known = accepted.filter(({ customerId }) => !created.has(customerId));
  if (known.length > 0) {
    const { changed, consentRefusalsKept, consentRefusalsOverridden } = await updateKnownCustomers(db, known, context);
    outcome.consentRefusalsKept = consentRefusalsKept;
    outcome.consentRefusalsOverridden = consentRefusalsOverridden;
    known.forEach((entry, index) => {
      if (entry.addsIdentity || changed.has(index)) {
        outcome.updated += 1;
        changedCustomerIds.add(entry.customerId);
      } else outcome.unchanged += 1;
    });
  }
  // last, over what the rows said: a person erased before, brought back by this file, is refused (after its yes is recorded)
  for (const customerId of await refuseSuppressedConsents(db, identitiesGivenBy(resolution), { importRunId: context.importId })) changedCustomerIds.add(customerId);
  outcome.changedCustomerIds = [...changedCustomerIds];
  outcome.rejects.push(...rejectsOfRefusals(rows, resolution.refusals, refusalNames, { ...context, earlierFirstRefs: memory.firstRefLines }));
  return outcome;
}

/** Where a customers batch's consent changes come from: a file import (the CLI) or an API batch. */
const consentSourceOf = (context: Pick<WriteContext, 'sourceSetIn'>) => (context.sourceSetIn === 'option' ? 'import' : 'ingest');

/** Records the consents the batch's new customers hold (customer_consent_change), one set-based statement. */
async function recordCreatedConsents(db: Db, customerIds: number[], context: WriteContext): Promise<void> {
  await sql`
    insert into customer_consent_change (customer_id, kind, granted, changed_at, source, import_run_id)
    select c.customer_id, k.kind, k.granted, now(), ${consentSourceOf(context)}, ${context.importId}::bigint
    from customer c cross join lateral (values ('email', c.consent_email), ('sms', c.consent_sms), ('whatsapp', c.consent_whatsapp),
      ('profiling', c.consent_profiling)) as k(kind, granted)
    where c.customer_id = any(${customerIds}::bigint[]) and k.granted is not null`.execute(db);
}

/**
 * A consent as a batch leaves it: a refusal stands against a feed, so a row's yes over a stored no
 * keeps the no unless the file is the consent authority (`overrides`); a no always applies (a
 * withdrawal), a yes over an unknown applies, and an empty field leaves the stored value alone.
 */
function consentAfter(given: 's' | 'm', column: 'consent_email' | 'consent_sms' | 'consent_whatsapp' | 'consent_profiling', overrides: boolean) {
  return sql`coalesce(${sql.ref(`${given}.${column}`)} and (${overrides}::boolean or ${sql.ref(`c.${column}`)} is not false), ${sql.ref(`c.${column}`)})`;
}

/**
 * Applies each known customer's facts and records the import line; returns the
 * indexes of the rows that changed what was stored, each row judged on the
 * fields it gave (the rows of one person give different fields), and how many
 * consents stayed refused against a yes (consentAfter), or, when the batch is the consent authority,
 * how many refusals a yes replaced. Each consent it changes
 * is recorded (customer_consent_change) in the same statement.
 */
async function updateKnownCustomers(db: Db, known: AcceptedRow[], context: WriteContext): Promise<{ changed: Set<number>; consentRefusalsKept: number; consentRefusalsOverridden: number }> {
  const { importId } = context;
  const overrides = context.consentOverridesRefusals ?? false;
  const byCustomer = new Map<number, { facts: CustomerFacts; line: number }>();
  for (const { customerId, facts, row } of known) {
    const earlier = byCustomer.get(customerId);
    byCustomer.set(customerId, { facts: earlier ? combineFacts(earlier.facts, facts) : facts, line: row.line });
  }
  const customers = [...byCustomer.entries()].map(([customerId, { facts, line }]) => ({ customerId, facts, line }));
  const rowColumns = factColumns(known);
  const customerColumns = factColumns(customers);
  const result = await sql<{ ordinal: number | null; kept: number | null; overridden: number | null }>`
    with s as (
      select * from unnest(${known.map((_, index) => index)}::int[], ${known.map((e) => e.customerId)}::bigint[], ${known.map((e) => e.isFirstInBatch)}::boolean[],
        ${rowColumns.kind}::text[], ${rowColumns.name}::text[], ${rowColumns.email}::text[], ${rowColumns.phone}::text[], ${rowColumns.birthYear}::int[],
        ${rowColumns.gender}::text[], ${rowColumns.city}::text[], ${rowColumns.region}::text[], ${rowColumns.country}::text[], ${rowColumns.incomeBand}::text[],
        ${rowColumns.consentEmail}::boolean[], ${rowColumns.consentSms}::boolean[], ${rowColumns.consentProfiling}::boolean[],
        ${rowColumns.consentWhatsapp}::boolean[],
        ${rowColumns.createdAt}::timestamptz[], ${rowColumns.attributes}::jsonb[])
        as s(ordinal, customer_id, completes_stub, kind, name, email, phone, birth_year, gender, city, region, country, income_band,
          consent_email, consent_sms, consent_profiling, consent_whatsapp, created_at, attributes)
    ), m as (
      select * from unnest(${customers.map((e) => e.customerId)}::bigint[], ${customers.map((e) => e.line)}::int[],
        ${customerColumns.kind}::text[], ${customerColumns.name}::text[], ${customerColumns.email}::text[], ${customerColumns.phone}::text[],
        ${customerColumns.birthYear}::int[], ${customerColumns.gender}::text[], ${customerColumns.city}::text[], ${customerColumns.region}::text[],
        ${customerColumns.country}::text[], ${customerColumns.incomeBand}::text[], ${customerColumns.consentEmail}::boolean[],
        ${customerColumns.consentSms}::boolean[], ${customerColumns.consentProfiling}::boolean[], ${customerColumns.consentWhatsapp}::boolean[],
        ${customerColumns.createdAt}::timestamptz[],
        ${customerColumns.attributes}::jsonb[])
        as m(customer_id, line, kind, name, email, phone, birth_year, gender, city, region, country, income_band,
          consent_email, consent_sms, consent_profiling, consent_whatsapp, created_at, attributes)
    ), changed as (
      select s.ordinal, s.customer_id from s join customer c on c.customer_id = s.customer_id
      where (c.kind, c.name, c.email, c.phone, c.birth_year, c.gender, c.city, c.region, c.country, c.income_band,
          c.consent_email, c.consent_sms, c.consent_whatsapp, c.consent_profiling, c.created_at, c.attributes, c.is_stub)
        is distinct from
        (coalesce(s.kind, c.kind), coalesce(s.name, c.name), coalesce(s.email, c.email), coalesce(s.phone, c.phone),
          coalesce(s.birth_year, c.birth_year), coalesce(s.gender, c.gender), coalesce(s.city, c.city), coalesce(s.region, c.region),
          coalesce(s.country, c.country)::char(2), coalesce(s.income_band, c.income_band), ${consentAfter('s', 'consent_email', overrides)},
          ${consentAfter('s', 'consent_sms', overrides)}, ${consentAfter('s', 'consent_whatsapp', overrides)}, ${consentAfter('s', 'consent_profiling', overrides)}, coalesce(s.created_at, c.created_at),
          c.attributes || s.attributes, c.is_stub and not s.completes_stub)
    ), consent as (
      select m.customer_id, k.kind, k.stored, k.given, k.after
      from m join customer c on c.customer_id = m.customer_id
      cross join lateral (values
        ('email', c.consent_email, m.consent_email, ${consentAfter('m', 'consent_email', overrides)}),
        ('sms', c.consent_sms, m.consent_sms, ${consentAfter('m', 'consent_sms', overrides)}),
        ('whatsapp', c.consent_whatsapp, m.consent_whatsapp, ${consentAfter('m', 'consent_whatsapp', overrides)}),
        ('profiling', c.consent_profiling, m.consent_profiling, ${consentAfter('m', 'consent_profiling', overrides)})) as k(kind, stored, given, after)
    ), recorded as (
      insert into customer_consent_change (customer_id, kind, granted, changed_at, source, import_run_id)
      select customer_id, kind, after, now(), ${consentSourceOf(context)}, ${importId}::bigint from consent where after is distinct from stored
    ), written as (
      update customer c set
        kind = coalesce(m.kind, c.kind), name = coalesce(m.name, c.name), email = coalesce(m.email, c.email), phone = coalesce(m.phone, c.phone),
        birth_year = coalesce(m.birth_year, c.birth_year), gender = coalesce(m.gender, c.gender), city = coalesce(m.city, c.city),
        region = coalesce(m.region, c.region), country = coalesce(m.country, c.country), income_band = coalesce(m.income_band, c.income_band),
        consent_email = ${consentAfter('m', 'consent_email', overrides)}, consent_sms = ${consentAfter('m', 'consent_sms', overrides)},
        consent_whatsapp = ${consentAfter('m', 'consent_whatsapp', overrides)},
        consent_profiling = ${consentAfter('m', 'consent_profiling', overrides)}, created_at = coalesce(m.created_at, c.created_at),
        attributes = c.attributes || m.attributes, is_stub = false, import_id = ${importId}::bigint, import_line = m.line,
        updated_at = case when c.customer_id in (select customer_id from changed) then now() else c.updated_at end
      from m
      where c.customer_id = m.customer_id
    )
    select ordinal, null::int as kept, null::int as overridden from changed
    union all
    select null, count(*) filter (where after = false)::int, count(*) filter (where after)::int from consent where given and stored = false`.execute(db);
  const changed = new Set(result.rows.filter((row) => row.ordinal !== null).map((row) => row.ordinal!));
  const consentRefusalsKept = result.rows.reduce((sum, row) => sum + (row.kept ?? 0), 0);
  const consentRefusalsOverridden = result.rows.reduce((sum, row) => sum + (row.overridden ?? 0), 0);
  return { changed, consentRefusalsKept, consentRefusalsOverridden };
}

/** One array per fact, for unnest. */
function factColumns(entries: ReadonlyArray<{ facts: CustomerFacts }>) {
  const column = <K extends keyof CustomerFacts>(name: K) => entries.map((entry) => entry.facts[name]);
  return {
    kind: column('kind'), name: column('name'), email: column('email'), phone: column('phone'), birthYear: column('birthYear'),
    gender: column('gender'), city: column('city'), region: column('region'), country: column('country'), incomeBand: column('incomeBand'),
    consentEmail: column('consentEmail'), consentSms: column('consentSms'), consentWhatsapp: column('consentWhatsapp'), consentProfiling: column('consentProfiling'),
    createdAt: column('createdAt'), attributes: entries.map((entry) => JSON.stringify(entry.facts.attributes)),
  };
}

const refField = (ref: CustomerRef) => (ref.kind === 'external' ? 'customer_id' : ref.kind);
const refLabel = (ref: CustomerRef) => (ref.kind === 'external' ? 'customer id' : ref.kind);

/** The stored names of the customers that refusals name, as they were before this batch wrote anything. */
async function storedNamesOf(db: Db, refusals: FileRowRefusal[]): Promise<Map<number, string | null>> {
  const names = new Map<number, string | null>();
  const named = refusals.flatMap((refusal) => (refusal.kind === 'taken' ? [refusal.customerId, refusal.ownerId] : []));
  if (named.length === 0) return names;
  for (const customerId of named) names.set(customerId, null);
  const found = await sql<{ customer_id: number; name: string | null }>`
    select customer_id, name from customer where customer_id = any(${named}::bigint[])`.execute(db);
  for (const row of found.rows) names.set(Number(row.customer_id), row.name);
  return names;
}

/**
 * `namesAt` holds, per refused row, each customer's name when that row was decided;
 * `earlierFirstRefs`, the first refs of earlier batches' rows (a repeat names where it first appeared).
 * A taken identity names both customers: a caller who may not read customers gets it as other-customers-hidden.ts rewrites it.
 */
function rejectsOfRefusals(
  rows: CanonicalCustomer[], refusals: FileRowRefusal[], namesAt: ReadonlyMap<number, ReadonlyMap<number, string | null>>,
  context: Pick<WriteContext, 'file' | 'linesOf'> & { earlierFirstRefs: ReadonlyMap<string, number> },
): Reject[] {
  const { file } = context;
  return refusals.map((refusal): Reject => {
    const line = rows[refusal.row].line;
    if (refusal.kind === 'unnamed') {
      return { file, line, field: 'customer_id', code: 'CUSTOMER_IDENTITY_MISSING', params: {}, reason: 'the customer has no customer_id, email, phone or external_id; give at least one so the customer can be recognised again' };
    }
    if (refusal.kind === 'duplicate') {
      const field = refField(refusal.ref);
      const where = whereFirstAppeared(refusal.line, context, context.earlierFirstRefs.has(identityTripleKey(refusal.ref)));
      return {
        file, line, field, code: 'CUSTOMER_DUPLICATE_IN_FILE', params: { field, value: refusal.ref.value, firstLine: refusal.line },
        reason: `Duplicate ${refLabel(refusal.ref)} ${refusal.ref.value}: it already appeared ${where}. Keep one row per customer.`,
      };
    }
    const names = namesAt.get(refusal.row);
    const customer = (customerId: number) => `customer #${customerId}${names?.get(customerId) ? ` (${names.get(customerId)})` : ''}`;
    // a customer_id is the row's first ref; an external_id.<system> after it is named by its system
    const isOtherSystem = refusal.ref.kind === 'external' && rows[refusal.row].refs[0] !== refusal.ref;
    const field = isOtherSystem ? `external_id.${(refusal.ref as { namespace: string }).namespace}` : refField(refusal.ref);
    const label = isOtherSystem ? `${(refusal.ref as { namespace: string }).namespace} id` : refLabel(refusal.ref);
    return {
      file, line, field, code: 'CUSTOMER_IDENTITY_TAKEN', params: { field, value: refusal.ref.value, ownerId: refusal.ownerId, customerId: refusal.customerId },
      reason: `The ${label} ${refusal.ref.value} belongs to ${customer(refusal.ownerId)}, but this row describes ${customer(refusal.customerId)}. `
        + `If they are one person, merge them (clientele customers merge ${refusal.customerId} ${refusal.ownerId}) and import the row again; otherwise correct the ${label}.`,
    };
  });
}

function newCustomerRow(row: CustomerFacts, importId: number, importLine: number): NewCustomerRow {
  return {
    kind: row.kind, name: row.name, email: row.email, phone: row.phone, birthYear: row.birthYear, gender: row.gender, city: row.city,
    region: row.region, country: row.country, incomeBand: row.incomeBand, consentEmail: row.consentEmail, consentSms: row.consentSms,
    consentWhatsapp: row.consentWhatsapp, consentProfiling: row.consentProfiling, createdAt: row.createdAt, attributes: row.attributes, importId, importLine,
  };
}
