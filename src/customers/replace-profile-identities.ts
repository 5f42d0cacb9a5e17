import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { deleteCustomerIdentity, findPendingMergeOfIdentity } from './customers.repo.js';
import { normaliseEmail, normalisePhone } from './identity.js';

type Db = Kysely<Database>;

/** A profile email or phone whose identity an edit replaced: `to` is null when the field was cleared. */
export type ReplacedIdentity = { kind: 'email' | 'phone'; from: string; to: string | null };

/** An identity the edit would have replaced but kept, because a merge not yet undone brought it (undo needs it back). */
export type KeptIdentity = { kind: 'email' | 'phone'; value: string; mergeId: number };

export type ProfileIdentityChange = { replaced: ReplacedIdentity[]; kept: KeptIdentity[] };

/**
 * Removes the identity each edited profile email or phone held before the edit, so a corrected
 * number or address stops finding this customer and is free for whoever it belongs to. Identities
 * record no source, so the one removed is the identity equal to the old profile value (what the
 * profile showed); others (a loyalty card's phone, an order's email) stay. The caller holds the
 * merge lock: a merge brings identities that its undo moves back, so one it brought is kept.
 * `values` holds the new field values as identity keys (null for a cleared field), absent when not sent.
 */
export async function replaceProfileIdentities(
  db: Db, customerId: number, current: { email: string | null; phone: string | null }, values: Record<string, unknown>, phoneCountry: string,
): Promise<ProfileIdentityChange> {
  const change: ProfileIdentityChange = { replaced: [], kept: [] };
  for (const kind of ['email', 'phone'] as const) {
    if (!(kind in values) || current[kind] === null) continue;
    // compared normalised: a value stored before normalisation changed may be written otherwise
    const from = kind === 'email' ? normaliseEmail(current.email).value : normalisePhone(current.phone, phoneCountry).value;
    const to = (values[kind] as string | null) ?? null;
    if (from === null || from === to) continue;
    const identity = { kind, namespace: '', value: from };
    const merge = await findPendingMergeOfIdentity(db, customerId, identity);
    if (merge) change.kept.push({ kind, value: from, mergeId: merge.mergeId });
    else if (await deleteCustomerIdentity(db, customerId, identity)) change.replaced.push({ kind, from, to });
  }
  return change;
}
