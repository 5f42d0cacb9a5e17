import { sql, type Kysely } from 'kysely';
import { recordAudit } from '../auth/audit.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { getStoreSettings } from '../settings/index.js';
import { getCustomer } from './customers.queries.js';
import { requireCustomer } from './customers.service.js';
import { listMerges } from './merge.service.js';
import { customerTimeline } from './timeline.js';
import { isAnySuppressed } from './erasure-suppression.repo.js';
import type { IdentityTriple } from './identity-resolution.js';

type Db = Kysely<Database>;

/** Rows read per query: a customer with years of orders is read in pages, never cut short. */
const pageSize = 500;

/** What each section of the document holds, in the document itself (`sections`), for whoever reads it later. */
export const subjectExportSections = {
  profile: 'The customer as stored: profile fields, the data set\'s own attributes (`attributes`), consents, where they were imported from, when created and updated.',
  consents: 'Their answers to email, SMS, WhatsApp and profiling (true yes, false no, null never asked), and each change of them recorded: when, to what, through what, by whom (`history`).',
  identities: 'Every email, phone and external id that identifies them, with when it was recorded.',
  mergedCustomers: 'The customer records merged into them (the same person known twice), with their profile as it was, and their identities.',
  orders: 'Every order of theirs, oldest first, with its lines and the credit notes linking returns to sales; amounts in minor units of `currency` unless the order says otherwise.',
  giftsReceived: 'Orders others bought for them (the recipient): which order, when; the buyer\'s details are not theirs to see.',
  interestEvents: 'Every sign of interest recorded for them (signups, inquiries, carts, visits), oldest first.',
  purchaseFacts: 'What their orders sum to (counts, revenue, first and last purchase), by category, and their RFM score and segment.',
  types: 'Their current customer types with the figures behind them, and every type they had, when it began and ended.',
  prediction: 'The model\'s prediction for them (chance of still being a customer, expected purchases and spend, lifetime value), if one was made.',
  personas: 'The persona they are assigned to, with how close they are to it.',
  segments: 'The saved segments they are in now, since when, and every entry into and exit from a segment.',
  alerts: 'Alerts raised about them (an overdue purchase, say), and who acknowledged them.',
  merges: 'Every merge they took part in: who was kept, who merged, when, by whom, and whether it was undone.',
  timeline: 'Their full timeline, newest first: orders, gifts (without the buyer), interest events, merges, type changes, profile edits, identity changes, predictions.',
  erasureSuppression: 'Whether one of their emails or phones matches the suppression list kept when a person is erased (`matches`): a person erased before is recorded again with their consents refused. Nothing else of the list is told.',
  auditEntries: 'Every audit log entry filed under them (or a customer merged into them): who did what, when, with the recorded values. Throughout the document, whoever acted is named by kind, not as a person: "staff (<their role>)", "staff", "API key", "command line", "import" or "system".',
} as const;

export type SubjectExport = Awaited<ReturnType<typeof buildSubjectExport>>;

/**
 * Everything held about one person, for a subject access request: one JSON document, every list
 * read to its end. Audited as `customer.export` with counts only (the document itself is theirs).
 * It goes to them, so it holds no one else's personal data: whoever acted on them is named by kind
 * and role (actorForSubject), never by email, user id or API key name, and a gift's buyer not at all:
 * whoever asks, the document is the same.
 */
export async function exportCustomerData(db: Db, customerId: number, options: { actor?: string; clock?: Clock } = {}): Promise<SubjectExport> {
  return db.transaction().execute(async (trx) => {
    const document = await buildSubjectExport(trx, customerId, options);
    if (options.actor) {
      await recordAudit(trx, { actor: options.actor, action: 'customer.export', entity: 'customer', entityId: String(customerId), detail: { orders: document.orders.length, identities: document.identities.length } });
    }
    return document;
  });
}

async function buildSubjectExport(db: Db, customerId: number, options: { clock?: Clock }) {
  await requireCustomer(db, customerId);
  const clock = options.clock ?? systemClock;
  const rolesByUserId = new Map((await db.selectFrom('staff_user').select(['user_id', 'role']).execute()).map((user) => [Number(user.user_id), user.role]));
  const showActor = (value: string) => actorForSubject(value, rolesByUserId);
  const actor = (value: string | null) => (value === null ? null : showActor(value));
  const { currency, timeZone } = await getStoreSettings(db);
  const mergedIds = await customersMergedInto(db, customerId);
  const customerIds = [customerId, ...mergedIds];
  const { customer, identities, traits, categories, prediction, rfm, persona } = await getCustomer(db, customerId);
  const mergedCustomers = mergedIds.length === 0 ? [] : await db.selectFrom('customer').selectAll().where('customer_id', 'in', mergedIds).orderBy('customer_id').execute();
  return {
    generatedAt: clock.now().toISOString(),
    customerId,
    currency,
    timeZone,
    sections: subjectExportSections,
    profile: customer,
    consents: {
      email: customer.consent_email, sms: customer.consent_sms, whatsapp: customer.consent_whatsapp, profiling: customer.consent_profiling,
      // a file import or an API batch records no actor of its own: its `source` says which, its actor reads "import"
      history: (await consentHistoryOf(db, customerIds)).map((change) => ({
        ...change, actor: typeof change.actor === 'string' ? actor(change.actor) : change.source === 'import' || change.source === 'ingest' ? 'import' : null,
      })),
    },
    identities,
    mergedCustomers,
    orders: await ordersOf(db, customerId),
    giftsReceived: await db.selectFrom('customer_order').select(['order_id', 'source', 'external_id', 'ordered_at', 'status'])
      .where('recipient_customer_id', '=', customerId).orderBy('ordered_at').orderBy('order_id').execute(),
    interestEvents: await pagesOf((after) => db.selectFrom('interest_event').selectAll().where('customer_id', '=', customerId)
      .where('event_id', '>', after).orderBy('event_id').limit(pageSize).execute(), (row) => Number(row.event_id)),
    purchaseFacts: { traits, categories, rfm },
    types: {
      current: await db.selectFrom('customer_type').selectAll().where('customer_id', '=', customerId).executeTakeFirst() ?? null,
      history: await db.selectFrom('customer_type_history').selectAll().where('customer_id', '=', customerId).orderBy('entered_at').orderBy('history_id').execute(),
    },
    prediction,
    personas: persona,
    segments: {
      current: await db.selectFrom('segment_member as m').innerJoin('segment as s', 's.segment_id', 'm.segment_id')
        .select(['s.segment_id', 's.name', 'm.entered_at']).where('m.customer_id', '=', customerId).orderBy('s.name').execute(),
      history: await pagesOf((after) => db.selectFrom('segment_membership_event as e').innerJoin('segment as s', 's.segment_id', 'e.segment_id')
        .selectAll('e').select('s.name').where('e.customer_id', '=', customerId).where('e.event_id', '>', after).orderBy('e.event_id').limit(pageSize).execute(), (row) => Number(row.event_id)),
    },
    alerts: (await db.selectFrom('alert').selectAll().where('customer_id', 'in', customerIds).orderBy('alert_id').execute())
      .map((alert) => ({ ...alert, acknowledged_by: actor(alert.acknowledged_by) })),
    merges: (await Promise.all(customerIds.map((id) => listMerges(db, id, { showActor }))))
      .flat().filter((merge, index, all) => all.findIndex((other) => other.merge_id === merge.merge_id) === index),
    timeline: (await wholeTimeline(db, customerId, showActor)).map(giftWithoutBuyer),
    erasureSuppression: {
      matches: await isAnySuppressed(db, [
        ...identities.map((identity) => ({ kind: identity.kind as IdentityTriple['kind'], namespace: identity.namespace, value: identity.value })),
        ...(customer.email ? [{ kind: 'email' as const, namespace: '', value: customer.email }] : []),
        ...(customer.phone ? [{ kind: 'phone' as const, namespace: '', value: customer.phone }] : []),
      ]),
    },
    auditEntries: (await pagesOf((after) => db.selectFrom('audit_event').selectAll().where('entity', '=', 'customer')
      .where('entity_id', 'in', customerIds.map(String)).where('audit_id', '>', after).orderBy('audit_id').limit(pageSize).execute(), (row) => Number(row.audit_id)))
      .map((entry) => ({ ...entry, actor: showActor(entry.actor) })),
  };
}

/**
 * An actor (formats in auth/caller.ts) as the person a subject access export is about may be told
 * it: the kind of actor, and a staff member's role, but not who they are (their email, user id or
 * name are another person's data; an API key's name or a command-line login may name one too).
 * The role is the one they hold now (the actor does not record the role held then); a staff
 * member no longer on record is "staff".
 */
export function actorForSubject(actor: string, rolesByUserId: ReadonlyMap<number, string>): string {
  const user = /^user:(\d+)(?::|$)/.exec(actor);
  if (user) {
    const role = rolesByUserId.get(Number(user[1]));
    return role ? `staff (${role})` : 'staff';
  }
  if (actor.startsWith('api-key:')) return 'API key';
  if (actor.startsWith('cli:')) return 'command line';
  return 'system';
}

type TimelineItem = Awaited<ReturnType<typeof customerTimeline>>['items'][number];

/** A gift in the subject's timeline, without its buyer, whom `giftsReceived` says is not theirs to see. */
function giftWithoutBuyer(entry: TimelineItem): TimelineItem {
  if (entry.detail.asRecipient !== true) return entry;
  const { buyerCustomerId: _buyer, ...detail } = entry.detail;
  return { ...entry, detail };
}

/** Every row a keyset-paged query gives, page after page until one comes back short. */
async function pagesOf<T>(page: (after: number) => Promise<T[]>, keyOf: (row: T) => number): Promise<T[]> {
  const rows: T[] = [];
  let after = 0;
  for (;;) {
    const next = await page(after);
    rows.push(...next);
    if (next.length < pageSize) return rows;
    after = keyOf(next[next.length - 1]!);
  }
}

/** The customers merged into this one, and into those, as deleteCustomer finds them. */
async function customersMergedInto(db: Db, customerId: number): Promise<number[]> {
  const absorbed = await sql<{ customer_id: number }>`
    with recursive absorbed (customer_id) as (
      select customer_id from customer where merged_into_customer_id = ${customerId}::bigint
      union select c.customer_id from customer c join absorbed a on c.merged_into_customer_id = a.customer_id)
    select customer_id from absorbed order by customer_id`.execute(db);
  return absorbed.rows.map((row) => Number(row.customer_id));
}

/** Their orders, oldest first by id, each with its lines and credit links. */
async function ordersOf(db: Db, customerId: number) {
  const orders = await pagesOf((after) => db.selectFrom('customer_order').selectAll().where('customer_id', '=', customerId)
    .where('order_id', '>', after).orderBy('order_id').limit(pageSize).execute(), (row) => Number(row.order_id));
  const result = [];
  for (let start = 0; start < orders.length; start += pageSize) {
    const page = orders.slice(start, start + pageSize);
    const ids = page.map((order) => order.order_id);
    const lines = await db.selectFrom('order_line').selectAll().where('customer_id', '=', customerId).where('order_id', 'in', ids).orderBy('order_id').orderBy('line_no').execute();
    const credits = await db.selectFrom('order_credit').selectAll().where('customer_id', '=', customerId)
      .where((eb) => eb.or([eb('credit_order_id', 'in', ids), eb('sale_order_id', 'in', ids)])).execute();
    for (const order of page) {
      const id = Number(order.order_id);
      result.push({
        ...order,
        lines: lines.filter((line) => Number(line.order_id) === id),
        credits: credits.filter((credit) => Number(credit.credit_order_id) === id || Number(credit.sale_order_id) === id),
      });
    }
  }
  return result;
}

/** Each recorded change of their consents, oldest first (none before the changes were recorded, 202612240200). */
async function consentHistoryOf(db: Db, customerIds: number[]): Promise<Array<Record<string, unknown>>> {
  const rows = await sql<Record<string, unknown>>`select * from customer_consent_change
    where customer_id = any(${customerIds}::bigint[]) order by changed_at, change_id`.execute(db);
  return rows.rows;
}

/** The timeline, page after page to its end, with each actor as written (timelineEntryForSubject names them by kind). */
async function wholeTimeline(db: Db, customerId: number, showActor: (actor: string) => string) {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await customerTimeline(db, customerId, { cursor, limit: 200, showActor });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}
