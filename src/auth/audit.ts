import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { cursorInvalid } from '../core/cursor.js';
import { actorFilterPatterns } from './audit-actor-filter.js';

type Db = Kysely<Database>;

export type AuditEntry = {
  /** Who did it: `user:3:ana@x.id`, `api-key:5:shop-feed`, `cli:…` or `system`. */
  actor: string;
  /** Dotted, past-tense-free verb phrase such as `user.create` or `customer.merge`. */
  action: string;
  /** The table the change is about, e.g. `staff_user`, `api_key`, `customer`. */
  entity: string;
  entityId?: string | null;
  detail?: Record<string, unknown>;
};

export type AuditEvent = {
  auditId: number;
  occurredAt: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
};

/** Appends one audit event, answering its id; pass the transaction that makes the change so both commit together. */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<number> {
  const row = await db
    .insertInto('audit_event')
    .values({
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .returning('audit_id')
    .executeTakeFirstOrThrow();
  return Number(row.audit_id);
}

export type AuditQuery = {
  /** The last `auditId` of the previous page; newest events come first. */
  before?: number | null;
  limit: number;
  entity?: string;
  /** Also finds a merge or its undo by the customer merged away (restored), not only by the kept one. */
  entityId?: string;
  /** The actor as written, or as people know it: see `actorFilterPatterns`. */
  actor?: string;
  action?: string;
  /** Only entries from this instant on. */
  since?: Date | null;
};

/**
 * An entry names one entity, but a merge (and its undo) concerns two customers:
 * it is filed under the kept one, with the other in its detail. Written exactly
 * as the expression of audit_event_merged_customer_idx so the planner uses it.
 */
const mergedCustomerIdOf = sql<string | null>`coalesce(detail->>'mergedCustomerId', detail->>'restoredCustomerId')`;
const mergeActions = sql`action in ('customer.merge', 'customer.merge.undo')`;

/**
 * The audit id inside a `nextCursor`. Ids are read as JS numbers, so a cursor
 * past 2^53 was never handed out; refusing it here keeps it from reaching SQL.
 */
export function auditIdOfCursor(cursor: string): number {
  const auditId = /^\d{1,16}$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isSafeInteger(auditId)) throw cursorInvalid();
  return auditId;
}

/** Newest first, keyset-paginated on audit_id so pages stay stable while events are appended. */
export async function listAuditEvents(db: Db, query: AuditQuery): Promise<{ items: AuditEvent[]; nextBefore: number | null }> {
  let select = db.selectFrom('audit_event').selectAll().orderBy('audit_id', 'desc').limit(query.limit + 1);
  if (query.before != null) select = select.where('audit_id', '<', query.before);
  if (query.entity) select = select.where('entity', '=', query.entity);
  const { entityId, actor } = query;
  if (entityId) select = select.where((eb) => eb.or([eb('entity_id', '=', entityId), sql<boolean>`(${mergeActions} and ${mergedCustomerIdOf} = ${entityId})`]));
  if (actor) select = select.where((eb) => eb.or([eb('actor', '=', actor), ...actorFilterPatterns(actor).map((pattern) => eb('actor', 'like', pattern))]));
  if (query.action) select = select.where('action', '=', query.action);
  if (query.since) select = select.where('occurred_at', '>=', query.since);
  const rows = await select.execute();
  const page = rows.slice(0, query.limit);
  const items = page.map((row) => ({
    auditId: Number(row.audit_id),
    occurredAt: row.occurred_at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    detail: row.detail,
  }));
  return { items, nextBefore: rows.length > query.limit ? items[items.length - 1].auditId : null };
}
