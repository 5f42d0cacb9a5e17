import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { createResolvedCustomers, planCustomerRefs, type NewCustomerRow } from '../../customers/customers.repo.js';
import type { CanonicalCustomer, CustomerRef } from '../canonical.js';
import { emptyOutcome, type BatchOutcome, type WriteContext } from './batch-context.js';

type Db = Kysely<Database>;

/** A customer row's email and phone are identities too: a later order by email finds this person. */
export function refsOfCustomer(row: CanonicalCustomer): CustomerRef[] {
  const refs = [...row.refs];
  const has = (kind: 'email' | 'phone', value: string) => refs.some((ref) => ref.kind === kind && ref.value === value);
  if (row.email && !has('email', row.email)) refs.push({ kind: 'email', value: row.email });
  if (row.phone && !has('phone', row.phone)) refs.push({ kind: 'phone', value: row.phone });
  return refs;
}

/**
 * Upserts a batch of customers. New people are created; known ones (by any
 * identity) get the fields the file provides, and stubs created by earlier
 * orders are completed. Empty fields never erase what is known.
 */
const sameRef = (a: CustomerRef | undefined, b: CustomerRef | undefined) =>
  a !== undefined && b !== undefined && a.kind === b.kind && a.value === b.value && (a.kind !== 'external' || (b.kind === 'external' && a.namespace === b.namespace));

/** A later row fills what an earlier one left empty and adds its identities. */
export function mergeCustomerRows(earlier: CanonicalCustomer, later: CanonicalCustomer): CanonicalCustomer {
  const merged = { ...earlier, refs: [...earlier.refs, ...later.refs], attributes: { ...(later.attributes ?? {}), ...(earlier.attributes ?? {}) } };
  for (const key of Object.keys(later) as Array<keyof CanonicalCustomer>) {
    if (merged[key] === null && later[key] !== null) (merged as Record<string, unknown>)[key] = later[key];
  }
  return merged;
}

export async function writeCustomers(db: Db, rows: CanonicalCustomer[], context: WriteContext): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  if (rows.length === 0) return outcome;
  const resolution = await planCustomerRefs(db, rows.map(refsOfCustomer));
  const { customerIds } = resolution;
  const created = new Set(resolution.createdIds);

  // Two rows naming one person through different ids (a web account and a loyalty card sharing
  // an email) are merged into one customer; the same id twice is a mistake in the file.
  const byCustomer = new Map<number, { row: CanonicalCustomer; customerId: number }>();
  const accepted: Array<{ row: CanonicalCustomer; customerId: number }> = [];
  let mergedRows = 0;
  rows.forEach((row, index) => {
    const customerId = customerIds[index];
    const first = byCustomer.get(customerId);
    if (!first) {
      const entry = { row, customerId };
      byCustomer.set(customerId, entry);
      accepted.push(entry);
      return;
    }
    if (sameRef(first.row.refs[0], row.refs[0])) {
      outcome.rejects.push({ file: context.file, line: row.line, field: 'customer_id', reason: `Duplicate customer id ${row.refs[0]?.value}: it already appeared on line ${first.row.line} of this file. Keep one row per customer.` });
      return;
    }
    first.row = mergeCustomerRows(first.row, row);
    mergedRows += 1;
  });
  outcome.updated += mergedRows;

  // people seen for the first time are written whole, with what the file says of them
  const described = new Map<number, NewCustomerRow>(accepted.filter(({ customerId }) => created.has(customerId))
    .map(({ row, customerId }) => [customerId, newCustomerRow(row, context.importId)]));
  await createResolvedCustomers(db, resolution, described);
  outcome.inserted += described.size;

  const known = accepted.filter(({ customerId }) => !created.has(customerId));
  if (known.length === 0) return outcome;
  const earlier = await sql<{ customer_id: number; import_line: number }>`
    select customer_id, import_line from customer
    where customer_id = any(${known.map((a) => a.customerId)}::bigint[]) and import_id = ${context.importId}::bigint`.execute(db);
  const seenInFile = new Map(earlier.rows.map((row) => [row.customer_id, row.import_line]));
  const toWrite = known.filter(({ row, customerId }) => {
    const line = seenInFile.get(customerId);
    if (line === undefined) return true;
    outcome.rejects.push({ file: context.file, line: row.line, field: null, reason: `This row describes the same customer as line ${line} (they share an id, email or phone). Keep one row per customer.` });
    return false;
  });
  if (toWrite.length === 0) return outcome;

  const column = <T>(pick: (entry: { row: CanonicalCustomer; customerId: number }) => T) => toWrite.map(pick);
  const changed = await sql<{ customer_id: number }>`
    update customer c set
      kind = coalesce(s.kind, c.kind), name = coalesce(s.name, c.name), email = coalesce(s.email, c.email), phone = coalesce(s.phone, c.phone),
      birth_year = coalesce(s.birth_year, c.birth_year), gender = coalesce(s.gender, c.gender), city = coalesce(s.city, c.city),
      region = coalesce(s.region, c.region), country = coalesce(s.country, c.country), income_band = coalesce(s.income_band, c.income_band),
      consent_email = coalesce(s.consent_email, c.consent_email), consent_sms = coalesce(s.consent_sms, c.consent_sms),
      consent_profiling = coalesce(s.consent_profiling, c.consent_profiling),
      created_at = coalesce(s.created_at, c.created_at), attributes = c.attributes || s.attributes, is_stub = false, updated_at = now()
    from unnest(
      ${column((e) => e.customerId)}::bigint[], ${column((e) => e.row.kind)}::text[], ${column((e) => e.row.name)}::text[],
      ${column((e) => e.row.email)}::text[], ${column((e) => e.row.phone)}::text[], ${column((e) => e.row.birthYear)}::int[],
      ${column((e) => e.row.gender)}::text[], ${column((e) => e.row.city)}::text[], ${column((e) => e.row.region)}::text[],
      ${column((e) => e.row.country)}::text[], ${column((e) => e.row.incomeBand)}::text[], ${column((e) => e.row.consentEmail)}::boolean[],
      ${column((e) => e.row.consentSms)}::boolean[], ${column((e) => e.row.consentProfiling)}::boolean[],
      ${column((e) => e.row.createdAt)}::timestamptz[], ${column((e) => JSON.stringify(e.row.attributes ?? {}))}::jsonb[])
      as s(customer_id, kind, name, email, phone, birth_year, gender, city, region, country, income_band, consent_email, consent_sms, consent_profiling, created_at, attributes)
    where c.customer_id = s.customer_id and (
      (c.kind, c.name, c.email, c.phone, c.birth_year, c.gender, c.city, c.region, c.country, c.income_band,
        c.consent_email, c.consent_sms, c.consent_profiling, c.created_at, c.attributes, c.is_stub)
      is distinct from
      (coalesce(s.kind, c.kind), coalesce(s.name, c.name), coalesce(s.email, c.email), coalesce(s.phone, c.phone),
        coalesce(s.birth_year, c.birth_year), coalesce(s.gender, c.gender), coalesce(s.city, c.city), coalesce(s.region, c.region),
        coalesce(s.country, c.country)::char(2), coalesce(s.income_band, c.income_band), coalesce(s.consent_email, c.consent_email),
        coalesce(s.consent_sms, c.consent_sms), coalesce(s.consent_profiling, c.consent_profiling), coalesce(s.created_at, c.created_at), c.attributes || s.attributes, false))
    returning c.customer_id`.execute(db);
  await sql`
    update customer set import_id = ${context.importId}::bigint, import_line = s.line
    from unnest(${column((e) => e.customerId)}::bigint[], ${column((e) => e.row.line)}::int[]) as s(customer_id, line)
    where customer.customer_id = s.customer_id`.execute(db);

  const changedIds = new Set(changed.rows.map((row) => row.customer_id));
  for (const { customerId } of toWrite) {
    if (changedIds.has(customerId)) outcome.updated += 1;
    else outcome.unchanged += 1;
  }
  return outcome;
}

function newCustomerRow(row: CanonicalCustomer, importId: number): NewCustomerRow {
  return {
    kind: row.kind, name: row.name, email: row.email, phone: row.phone, birthYear: row.birthYear, gender: row.gender, city: row.city,
    region: row.region, country: row.country, incomeBand: row.incomeBand, consentEmail: row.consentEmail, consentSms: row.consentSms,
    consentProfiling: row.consentProfiling, createdAt: row.createdAt, attributes: row.attributes ?? null, importId, importLine: row.line,
  };
}
