import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { cursorInvalid, decodeCursor, encodeCursor } from '../core/cursor.js';
import { requireCustomer } from './customers.service.js';
import { loadMoneyFormat, typeReason } from '../analytics/index.js';
import { typeChangeEntries } from './timeline-type-changes.sql.js';
import { getStoreSettings } from '../settings/index.js';
import { actorForDisplay, type ActorShown } from '../auth/index.js';
import { auditEntries, auditEntryShown, auditTimelineKinds, isAuditEntry } from './timeline-audit-entries.js';

type Db = Kysely<Database>;

const timelineKinds = ['order', 'interest', 'merge', 'type_change', 'prediction', ...auditTimelineKinds] as const;

export type TimelineEntry = {
  at: Date;
  kind: (typeof timelineKinds)[number];
  /** Unique within its kind and time (a type's spell gives the id of its entered and its left change); with `at` and `kind` it orders the timeline. */
  id: number;
  title: string;
  detail: Record<string, unknown>;
};

/**
 * A customer's story, newest first: orders, interest events, merges and — when
 * the analytics tables exist — customer-type changes, a type taken or lost
 * (timeline-type-changes.sql.ts). Keyset-paginated by time.
 *
 * A prediction is placed by the day it describes (the end of its as-of day, as an
 * analysis's type changes are), not when it was made: a data set's store, predicted
 * today from data up to 1998, put "prediction updated" above its whole 1998 history.
 * But never after it was made: a live store's prediction of today, dated today's end,
 * stood at tomorrow's midnight, in the future, above everything that came after it.
 * An order at midnight in the store's zone is marked `isDateOnly`: imports store a
 * date without a time (CDNOW's 19971222) as that midnight and keep no other sign of it,
 * so its time of day is not shown as if it were known.
 * Profile edits and identity removals come from the audit log (timeline-audit-entries.ts).
 * Who made a merge or an edit is shown without their email unless `canReadStaffEmails` (see `actorForDisplay`).
 */
export async function customerTimeline(db: Db, customerId: number, options: { cursor?: string; limit?: number } & ActorShown = {}) {
  await requireCustomer(db, customerId);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const after = options.cursor ? timelinePosition(options.cursor) : null;
  const { timeZone } = await getStoreSettings(db);
  const isMidnight = (column: string) => sql`(${sql.ref(column)} at time zone ${timeZone}::text)::time = time '00:00'`;
  const hasTypeHistory = await tableExists(db, 'customer_type_history');
  const typeChanges = hasTypeHistory ? sql`union all ${typeChangeEntries(customerId, timeZone)}` : sql``;
  // keyed by the microsecond, kind and id: spells a run opened together share their time, and a
  // page may end between them
  const cursorCondition = after ? sql`where (at_key, kind, id) < (${after.atKey}::bigint, ${after.kind}::text, ${after.id}::bigint)` : sql``;
  const rows = await sql<TimelineEntry & { at_key: number }>`
    select * from (select entries.*, (extract(epoch from entries.at) * 1000000)::bigint as at_key from (
      select o.ordered_at as at, 'order' as kind, o.order_id as id, o.status || ' order ' || o.external_id as title,
        jsonb_build_object('externalId', o.external_id, 'source', o.source, 'status', o.status, 'channel', o.channel,
          'amountMinor', o.amount_minor, 'currency', o.currency, 'totalMinor', o.total_minor, 'refundedMinor', o.refunded_minor,
          'promotionCode', o.promotion_code, 'discountMinor', o.discount_minor, 'location', o.location, 'isDateOnly', ${isMidnight('o.ordered_at')},
          'lines', (select coalesce(jsonb_agg(jsonb_build_object('sku', l.sku, 'name', l.product_name, 'category', l.category,
            'quantity', l.quantity, 'unitPriceMinor', l.unit_price_minor) order by l.line_no), '[]'::jsonb)
            from order_line l where l.customer_id = o.customer_id and l.order_id = o.order_id)) as detail
      from customer_order o where o.customer_id = ${customerId}::bigint
      union all
      select o.ordered_at, 'order', o.order_id, 'received a gift ' || o.external_id,
        jsonb_build_object('externalId', o.external_id, 'buyerCustomerId', o.customer_id, 'asRecipient', true, 'isDateOnly', ${isMidnight('o.ordered_at')})
      from customer_order o where o.recipient_customer_id = ${customerId}::bigint
      union all
      select e.occurred_at, 'interest', e.event_id, e.kind || ' via ' || e.channel,
        jsonb_build_object('kind', e.kind, 'channel', e.channel, 'detail', e.detail)
      from interest_event e where e.customer_id = ${customerId}::bigint
      union all
      select m.merged_at, 'merge', m.merge_id, 'merged with customer #' || case when m.kept_customer_id = ${customerId}::bigint then m.merged_customer_id else m.kept_customer_id end
          || case when m.undone_at is null then '' else ' (undone)' end,
        jsonb_build_object('mergeId', m.merge_id, 'keptCustomerId', m.kept_customer_id, 'mergedCustomerId', m.merged_customer_id, 'by', m.merged_by, 'undoneAt', m.undone_at)
      from customer_merge m where m.kept_customer_id = ${customerId}::bigint or m.merged_customer_id = ${customerId}::bigint
      union all
      select least(((p.as_of + 1)::timestamp at time zone ${timeZone}::text), p.predicted_at, now()), 'prediction', p.model_fit_id, 'predicted value updated',
        jsonb_build_object('pAlive', p.p_alive, 'expectedPurchases90d', p.expected_purchases_90d, 'expectedSpendMinor', p.expected_spend_minor,
          'clvMinor', p.clv_minor, 'clvHorizonDays', p.clv_horizon_days, 'clvDiscountRate', p.clv_discount_rate, 'clvPeriodDays', p.clv_period_days,
          'spendNotEstimated', p.spend_not_estimated, 'nextPurchaseDay', p.next_purchase_day, 'churnRisk', p.churn_risk,
          'asOf', to_char(p.as_of, 'YYYY-MM-DD'), 'predictedAt', p.predicted_at)
      from customer_prediction p where p.customer_id = ${customerId}::bigint
      union all
      ${auditEntries(customerId)}
      ${typeChanges}
    ) entries) keyed
    ${cursorCondition}
    order by at_key desc, kind desc, id desc
    limit ${limit + 1}`.execute(db);
  const items: TimelineEntry[] = rows.rows.slice(0, limit).map(({ at_key: _atKey, ...entry }) => (isAuditEntry(entry) ? auditEntryShown(entry, options) : entry));
  for (const item of items) {
    if (item.kind === 'merge' && typeof item.detail.by === 'string') item.detail = { ...item.detail, by: actorForDisplay(item.detail.by, options) };
  }
  if (items.some(isTypeEntered)) {
    // the sentence is made from the spell's numbers on read, in the store's money format; a type
    // left has none: its numbers say why it was held, not why it ended
    const money = await loadMoneyFormat(db);
    for (const item of items) {
      if (isTypeEntered(item)) item.detail = { ...item.detail, reason: typeReason(String(item.detail.type), item.detail.numbers, money) };
    }
  }
  const last = rows.rows[limit - 1];
  return { items, nextCursor: rows.rows.length > limit && last ? encodeCursor(`${Number(last.at_key)} ${last.kind}`, Number(last.id)) : null };
}

const isTypeEntered = (entry: TimelineEntry) => entry.kind === 'type_change' && entry.detail.change === 'entered';

const positionPattern = new RegExp(`^(-?\\d{1,16}) (${timelineKinds.join('|')})$`);

/** Where a timeline cursor left off: the entry's time in microseconds, its kind and id, exactly as the server wrote them. */
function timelinePosition(cursor: string): { atKey: number; kind: string; id: number } {
  const { value, id } = decodeCursor(cursor);
  const [, atKey, kind] = (typeof value === 'string' ? positionPattern.exec(value) : null) ?? [];
  if (atKey === undefined || kind === undefined || !Number.isSafeInteger(Number(atKey))) throw cursorInvalid();
  return { atKey: Number(atKey), kind, id };
}

export async function tableExists(db: Db, table: string): Promise<boolean> {
  const result = await sql<{ present: boolean }>`select to_regclass(${table}) is not null as present`.execute(db);
  return result.rows[0]?.present === true;
}
