import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { consentKinds, type ConsentKind } from './consent-kinds.js';

/**
 * Where a consent's value came from: a file import, an API batch, a person's edit, a merge combining two records, its undoing,
 * or a suppression entry (a person erased before, brought back: erasure-suppression.repo.ts).
 */
export type ConsentChangeSource = 'import' | 'ingest' | 'staff' | 'merge' | 'unmerge' | 'suppression';

/**
 * The consents whose value differs between two readings of a customer row (`consent_email`…); a
 * value absent from `after` was not written, so it did not change.
 */
export function changedConsents(before: Partial<Record<string, unknown>>, after: Partial<Record<string, unknown>>): Array<{ kind: ConsentKind; granted: boolean | null }> {
  return consentKinds
    .filter((kind) => `consent_${kind}` in after && (before[`consent_${kind}`] ?? null) !== (after[`consent_${kind}`] ?? null))
    .map((kind) => ({ kind, granted: (after[`consent_${kind}`] ?? null) as boolean | null }));
}

/**
 * Proof of consent: each change of a consent's value, when and through what (customer_consent_change).
 * Imports and API batches append theirs in their own set-based statements (ingest/write/write-customers.ts);
 * this is the one-customer path of staff edits, staff-created customers, merges and their undoing.
 */
export async function recordConsentChanges(
  db: Kysely<Database>, customerId: number, changes: Array<{ kind: ConsentKind; granted: boolean | null }>, source: ConsentChangeSource, actor: string | null,
): Promise<void> {
  if (changes.length === 0) return;
  await sql`insert into customer_consent_change (customer_id, kind, granted, changed_at, source, actor)
    select ${customerId}::bigint, k.kind, k.granted, now(), ${source}::text, ${actor}::text
    from unnest(${changes.map((change) => change.kind)}::text[], ${changes.map((change) => change.granted)}::boolean[]) as k(kind, granted)`.execute(db);
}

/** One recorded change of one consent, as standingConsentChange reads it. */
export type ConsentChange = { granted: boolean | null; source: ConsentChangeSource };

/**
 * The change a consent's proof rests on, of one consent's changes oldest first; null when there is
 * none (set before changes were recorded, or never). The latest, except a merge's undo ('unmerge'):
 * the undo gives back what the kept customer held before the merge (merge.service.ts,
 * profileToRestore), so its proof is the record the merge replaced, with that record's since and
 * source ("from import #2"), not the undo's; it holds the same value, or the undo's own record
 * stands. An undo of an undo's record reads through it in turn; a merge recorded as the consent's
 * first change had nothing before it to give back.
 */
export function standingConsentChange<Change extends ConsentChange>(changes: readonly Change[]): Change | null {
  let at = changes.length - 1;
  while (at >= 0 && changes[at].source === 'unmerge') {
    let merge = at - 1;
    while (merge >= 0 && changes[merge].source !== 'merge') merge -= 1;
    if (merge < 0) return changes[at];
    if (merge === 0) return null;
    if ((changes[merge - 1].granted ?? null) !== (changes[at].granted ?? null)) return changes[at];
    at = merge - 1;
  }
  return at >= 0 ? changes[at] : null;
}
