import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ConsentKind } from '../customers/consent-kinds.js';
import { listMemberRows, type MemberRow } from './membership.repo.js';
import { withMemberPredictions, type MemberPredictions } from './member-predictions.repo.js';
import { getSegment } from './segments.service.js';

export type MemberPageRow = MemberRow & MemberPredictions;

/**
 * A page of a segment's members for a campaign: each with the predictions a campaign tool syncs
 * (member-predictions.repo.ts), and with `consent` only those who said yes to it, as the CLI's
 * `segments members --csv --consent` and the web app's export judge (hasAgreedTo). The members API and
 * the CLI's file both read pages here.
 */
export async function listMemberPage(
  db: Kysely<Database>, idOrName: number | string, options: { limit?: number; after?: number; consent?: ConsentKind },
): Promise<{ items: MemberPageRow[]; next: number | null }> {
  const segment = await getSegment(db, idOrName);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 1000);
  const rows = await listMemberRows(db, segment.segment_id, { limit, afterCustomerId: options.after, consent: options.consent });
  return { items: await withMemberPredictions(db, rows), next: rows.length === limit ? rows[rows.length - 1].customer_id : null };
}
