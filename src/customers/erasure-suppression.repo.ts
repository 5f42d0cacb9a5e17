import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { isSuppressible, suppressionDigest, type SuppressedKind } from './erasure-suppression.js';
import type { IdentityTriple } from './identity-resolution.js';

type Db = Kysely<Database>;

/**
 * The store's secret for suppression digests, kept with its other settings (store_setting), so it
 * travels with the store (backups, copy-store) and the digests keep matching. It is made by the first
 * erasure that keeps a suppression entry; getStoreSettings reads settings by name, so it is never answered.
 */
const keySetting = 'erasure_suppression_key';

/** The store's suppression key, made on first use. */
export async function suppressionKey(db: Db): Promise<Buffer> {
  await sql`insert into store_setting (key, value) values (${keySetting}, ${JSON.stringify(randomBytes(32).toString('hex'))}::jsonb)
    on conflict (key) do nothing`.execute(db);
  return (await readKey(db, false))!;
}

/**
 * The key when the store holds a suppression entry, else null: one cheap statement (an index probe), so
 * a store that never kept one pays nothing more per import batch.
 */
async function readKey(db: Db, onlyWithEntries: boolean): Promise<Buffer | null> {
  const result = await sql<{ value: string }>`select value #>> '{}' as value from store_setting
    where key = ${keySetting} and (not ${onlyWithEntries}::boolean or exists (select 1 from erasure_suppression))`.execute(db);
  return result.rows[0] ? Buffer.from(result.rows[0].value, 'hex') : null;
}

/** Keeps a suppression entry for each email and phone; returns how many identities it covers. */
export async function suppressIdentities(db: Db, identities: IdentityTriple[]): Promise<number> {
  const kept = dedupe(identities.filter(isSuppressible));
  if (kept.length === 0) return 0;
  const key = await suppressionKey(db);
  await sql`insert into erasure_suppression (digest, kind, erased_at)
    select * from unnest(${kept.map((identity) => suppressionDigest(key, identity.kind, identity.value))}::bytea[], ${kept.map((identity) => identity.kind)}::text[]) as s(digest, kind)
      cross join (select now() as erased_at) as t
    on conflict (digest) do update set erased_at = excluded.erased_at`.execute(db);
  return kept.length;
}

/** Whether any of these identities has a suppression entry (the subject access export says so, and nothing else). */
export async function isAnySuppressed(db: Db, identities: IdentityTriple[]): Promise<boolean> {
  const candidates = dedupe(identities.filter(isSuppressible));
  if (candidates.length === 0) return false;
  const key = await readKey(db, true);
  if (!key) return false;
  const result = await sql<{ found: boolean }>`select exists (select 1 from erasure_suppression
    where digest = any(${candidates.map((identity) => suppressionDigest(key, identity.kind, identity.value))}::bytea[])) as found`.execute(db);
  return result.rows[0].found;
}

/** Removes the entry of one identity (normalised); returns whether there was one. */
export async function deleteSuppression(db: Db, kind: SuppressedKind, value: string): Promise<boolean> {
  const key = await readKey(db, true);
  if (!key) return false;
  const result = await sql`delete from erasure_suppression where digest = ${suppressionDigest(key, kind, value)}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** Where a suppression's refusal is recorded from: the import run that brought the person back, or who created or edited them. */
export type SuppressionCause = { importRunId?: number | null; actor?: string | null };

/**
 * Customers given identities that match a suppression entry (created by an import, the API or the CLI,
 * or given an email or phone again) have every consent not already refused recorded as refused now,
 * with source 'suppression' in their consent change log; since a feed's yes does not replace a
 * recorded refusal, a later file cannot make them contactable again (only a consent authority or
 * staff can). Set-based: one probe, and when the store holds entries one statement, whatever the
 * number of identities. Returns the customers it refused.
 */
export async function refuseSuppressedConsents(
  db: Db, given: ReadonlyArray<{ identity: IdentityTriple; customerId: number }>, cause: SuppressionCause = {},
): Promise<number[]> {
  const candidates = given.filter(({ identity }) => isSuppressible(identity));
  if (candidates.length === 0) return [];
  const key = await readKey(db, true);
  if (!key) return [];
  const digests = candidates.map(({ identity }) => suppressionDigest(key, identity.kind as SuppressedKind, identity.value));
  const result = await sql<{ customer_id: string | number }>`
    with hit as (
      select distinct s.customer_id from unnest(${candidates.map((entry) => entry.customerId)}::bigint[], ${digests}::bytea[]) as s(customer_id, digest)
      join erasure_suppression e on e.digest = s.digest
    ), consent as (
      select c.customer_id, k.kind from customer c join hit on hit.customer_id = c.customer_id
      cross join lateral (values ('email', c.consent_email), ('sms', c.consent_sms), ('whatsapp', c.consent_whatsapp),
        ('profiling', c.consent_profiling)) as k(kind, granted)
      where k.granted is distinct from false
    ), recorded as (
      insert into customer_consent_change (customer_id, kind, granted, changed_at, source, actor, import_run_id)
      select customer_id, kind, false, now(), 'suppression', ${cause.actor ?? null}::text, ${cause.importRunId ?? null}::bigint from consent
    ), written as (
      update customer c set consent_email = false, consent_sms = false, consent_whatsapp = false, consent_profiling = false
      from hit where c.customer_id = hit.customer_id
    )
    select customer_id from hit`.execute(db);
  return result.rows.map((row) => Number(row.customer_id));
}

function dedupe<T extends IdentityTriple>(identities: T[]): T[] {
  return [...new Map(identities.map((identity) => [`${identity.kind}\n${identity.value}`, identity])).values()];
}
