import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { createResolvedCustomers, firstSeenOfCreated, identitiesGivenBy, planCustomerRefs } from '../../customers/customers.repo.js';
import { refuseSuppressedConsents } from '../../customers/erasure-suppression.repo.js';
import { addEventsToTraits } from '../../traits/traits.repo.js';
import { recordArrivalsThroughMergedIdentities } from '../../customers/merge-later-arrivals.repo.js';
import type { CanonicalEvent, Reject } from '../canonical.js';
import { emptyOutcome, type BatchOutcome, type WriteContext } from './batch-context.js';
import { removeCustomersOfRejectedRows } from './keep-written-customers.js';
import {
  differenceText, eventRowDifference, hasUnreadValues, newIdentityDifference, storedEventDifference, comparedWithRemembered, earlierBatchDifference, type EventAsStored, type FieldDifference,
} from './repeated-rows.js';
import { newIdentityKeysOf } from './earlier-batch-repeats.js';
import { whereFirstAppeared } from './row-place.js';
import { unstoredColumnText } from './order-rejects.js';
import { valuesOfRow } from '../rows/row-parser.js';
import type { TextComparison } from './row-text-digest.js';
import { findRememberedTexts, rememberRowTexts } from './row-text-memory.repo.js';

type Db = Kysely<Database>;

/** Inserts interest events (sign-ups, carts, visits…); a person known only by events is a lead. */
export async function writeEvents(db: Db, rows: CanonicalEvent[], context: WriteContext): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const firstRow = new Map<string, CanonicalEvent>();
  // rows that repeat an earlier row of the batch exactly, by that row's line: they stand or fall with it
  const repeatsOf = new Map<number, number[]>();
  // rows that state an event otherwise than its earlier row of the batch, by that row's line: judged again
  // against the row that stored it when that row repeats an event an earlier batch stored
  const differingOf = new Map<number, Array<{ row: CanonicalEvent; reject: Reject }>>();
  const unique = rows.filter((row) => {
    const key = `${row.source}\u0000${row.externalId}`;
    const first = firstRow.get(key);
    if (first === undefined) {
      firstRow.set(key, row);
      return true;
    }
    const difference = eventRowDifference(row, first);
    if (difference === null) repeatsOf.set(first.line, [...(repeatsOf.get(first.line) ?? []), row.line]);
    else {
      const whereFirst = whereFirstAppeared(first.line, context);
      const reject: Reject = {
        file: context.file, line: row.line, field: 'event_id', code: 'EVENT_DUPLICATE_IN_FILE', params: { event: row.externalId, firstLine: first.line },
        reason: `Duplicate event ${row.externalId} ${differenceText(difference, whereFirst)}. Keep one row per event.`,
      };
      outcome.rejects.push(reject);
      differingOf.set(first.line, [...(differingOf.get(first.line) ?? []), { row, reject }]);
    }
    return false;
  });
  if (unique.length === 0) return outcome;
  // the text of each event's row, for a repeat of it in a later batch: one small insert per batch
  await rememberRowTexts(db, context, unique);
  const resolution = await planCustomerRefs(db, unique.map((row) => row.customer));
  const { filledCustomerIds } = await createResolvedCustomers(db, resolution, undefined, firstSeenOfCreated(resolution, unique.map((row) => row.occurredAt)));
  const { customerIds } = resolution;
  const byIndex = new Map(unique.map((row, index) => [row, index]));
  // the rows as a relation, one array per column; `of` the batch's unique rows
  const incoming = (of: readonly CanonicalEvent[]) => {
    const column = <T>(pick: (row: CanonicalEvent) => T) => of.map(pick);
    return sql`select * from unnest(${column((r) => r.line)}::int[], ${column((r) => r.source)}::text[], ${column((r) => r.externalId)}::text[],
        ${column((r) => customerIds[byIndex.get(r)!])}::bigint[], ${column((r) => r.kind)}::text[], ${column((r) => r.channel)}::text[],
        ${column((r) => r.occurredAt)}::timestamptz[], ${column((r) => r.detail)}::text[])
        as s(line, source, external_id, customer_id, kind, channel, occurred_at, detail)`;
  };
  const existingOf = sql`select s.line, e.customer_id as existing_customer_id, e.import_id as existing_import_id, e.import_line as existing_line,
        (e.kind, e.channel, e.occurred_at, e.detail) is not distinct from (s.kind, s.channel, s.occurred_at, s.detail) as is_same
      from incoming s join interest_event e on e.source = s.source and e.external_id = s.external_id`;
  type Written = { line: number; event_id: number | null; customer_id: number; existing_customer_id: number | null; existing_import_id: number | null; existing_line: number | null; is_same: boolean | null };
  const storedSelect = sql`select x.line, null::bigint as event_id, s.customer_id, x.existing_customer_id, x.existing_import_id, x.existing_line, x.is_same
    from existing x join incoming s using (line)`;
  // an event another import stored while this statement ran (a server store's imports of one file at the same
  // time) is skipped rather than failing the batch, and read below as stored, as if that import had come first
  const result = await sql<Written>`
    with incoming as (${incoming(unique)}),
    existing as (${existingOf}),
    inserted as (
      insert into interest_event (customer_id, source, external_id, kind, channel, occurred_at, detail, import_id, import_line)
      select s.customer_id, s.source, s.external_id, s.kind, s.channel, s.occurred_at, s.detail, ${context.importId}::bigint, s.line
      from incoming s where not exists (select 1 from existing x where x.line = s.line)
      on conflict (source, external_id) do nothing
      returning event_id, customer_id, import_line as line
    )
    select i.line, i.event_id, i.customer_id, null::bigint as existing_customer_id, null::bigint as existing_import_id, null::int as existing_line, null::boolean as is_same from inserted i
    union all
    ${storedSelect}`.execute(db);
  // only when another import stored some of them first: one more statement, which sees what it committed
  const answered = new Set(result.rows.map((row) => Number(row.line)));
  const storedMeanwhile = unique.filter((row) => !answered.has(row.line));
  if (storedMeanwhile.length > 0) {
    result.rows.push(...(await sql<Written>`with incoming as (${incoming(storedMeanwhile)}), existing as (${existingOf}) ${storedSelect}`.execute(db)).rows);
  }
  const added: Array<{ customerId: number; eventId: number }> = [];
  const rejectedLines = new Set<number>();
  const reject = (line: number, why: Pick<Reject, 'code' | 'params' | 'reason'>) => {
    outcome.rejects.push({ file: context.file, line, field: 'event_id', ...why });
    for (const repeat of repeatsOf.get(line) ?? []) outcome.rejects.push({ file: context.file, line: repeat, field: 'event_id', ...why });
    rejectedLines.add(line);
  };
  const earlierBatchRepeats: typeof result.rows = [];
  const newIdentityKeys = newIdentityKeysOf(resolution);
  const rowByLine = new Map(unique.map((row) => [row.line, row]));
  const isOfThisImport = (row: (typeof result.rows)[number]) => row.event_id === null && row.existing_import_id !== null && Number(row.existing_import_id) === context.importId;
  // the text of the rows that stored the events this batch repeats, read only when it repeats one
  const ofThisImport = result.rows.filter(isOfThisImport);
  const storedTexts = ofThisImport.length === 0 ? new Map<number, Buffer>() : await findRememberedTexts(db, context.importId, ofThisImport.map((row) => Number(row.existing_line)));
  const textOf = (row: CanonicalEvent, storedLine: number) => comparedWithRemembered(row, storedTexts.get(storedLine));
  // the same text as the row that stored it, every column read or not; without that text, no value in a column no field reads
  const isExactRepeat = (line: number, storedLine: number) => {
    const text = textOf(rowByLine.get(line)!, storedLine);
    return newIdentityDifference(rowByLine.get(line)!, newIdentityKeys) === null && (text ? text.isSame : !hasUnreadValues(rowByLine.get(line)!));
  };
  for (const row of result.rows) {
    if (row.event_id !== null) {
      added.push({ customerId: row.customer_id, eventId: row.event_id });
      outcome.inserted += 1;
    } else if (isOfThisImport(row)) {
      // an earlier batch of this import stored it (repeats within this batch were set apart above): unchanged when its
      // text is that of the row that stored it, and it adds its customer no identity (an email the first row did not give)
      if (row.is_same && Number(row.existing_customer_id) === Number(row.customer_id) && isExactRepeat(row.line, Number(row.existing_line))) outcome.unchanged += 1;
      else earlierBatchRepeats.push(row);
    } else if (row.is_same) outcome.unchanged += 1;
    else reject(row.line, { code: 'EVENT_CHANGED', params: {}, reason: 'An event with this id was already imported with different content; events are facts and are not rewritten. Give corrected events a new id.' });
  }
  const byLine = new Map(unique.map((row, index) => [row.line, { row, customerId: customerIds[index] }]));
  const differing = ofThisImport.filter((repeat) => differingOf.has(repeat.line));
  if (earlierBatchRepeats.length > 0 || differing.length > 0) {
    const stored = await findStoredEvents(db, [...earlierBatchRepeats, ...differing].map((repeat) => byLine.get(repeat.line)!.row));
    const storedOf = (row: CanonicalEvent) => stored.get(`${row.source}\u0000${row.externalId}`);
    for (const repeat of earlierBatchRepeats) {
      const { row, customerId } = byLine.get(repeat.line)!;
      const first = storedOf(row);
      const difference = newIdentityDifference(row, newIdentityKeys) ?? (first ? storedEventDifference({ ...row, customerId }, first) : null);
      reject(repeat.line, earlierBatchRepeatReject(row, Number(repeat.existing_line), context, difference, textOf(row, Number(repeat.existing_line))));
    }
    // a row stating the event otherwise than the batch's first row, which repeats an event an earlier batch stored, is
    // judged against the row that stored it, as in one batch with that row, so the outcome does not depend on the batch size
    for (const repeat of differing) {
      const { row: first, customerId } = byLine.get(repeat.line)!;
      const storedLine = Number(repeat.existing_line);
      for (const { row, reject: differs } of differingOf.get(repeat.line)!) {
        const text = textOf(row, storedLine);
        const newIdentity = newIdentityDifference(row, newIdentityKeys);
        const at = outcome.rejects.indexOf(differs);
        // its customer stated as the batch's first row states it (else it was not resolved, and only its text can tell)
        const sameParties = eventRowDifference({ ...first, customer: row.customer }, first) === null;
        const storedEvent = storedOf(first);
        const difference = newIdentity ?? (sameParties && storedEvent ? storedEventDifference({ ...row, customerId }, storedEvent) : null);
        const isExact = newIdentity === null && (text ? text.isSame : sameParties && difference === null && !hasUnreadValues(row));
        if (isExact && at >= 0) {
          outcome.rejects.splice(at, 1);
          outcome.unchanged += 1;
        } else if (difference !== null || text !== null) {
          Object.assign(differs, earlierBatchRepeatReject(row, storedLine, context, difference, text));
        }
      }
    }
  }
  for (const [line, repeats] of repeatsOf) if (!rejectedLines.has(line)) outcome.unchanged += repeats.length;
  let removed = 0;
  let refilled: number[] = [];
  let given = identitiesGivenBy(resolution);
  if (rejectedLines.size > 0) {
    const kept = unique.map((row, index) => ({ row, customerId: customerIds[index] })).filter(({ row }) => !rejectedLines.has(row.line));
    const keptRefs = kept.map(({ row }) => row.customer);
    const keptCustomerIds = new Set(kept.map(({ customerId }) => customerId));
    ({ removed, filledCustomerIds: refilled, kept: given } = await removeCustomersOfRejectedRows(db, resolution, keptRefs, keptCustomerIds));
  }
  // a person erased before, brought back by their email or phone: known again, but not contactable
  // (one probe per batch); after the rejected rows are taken back, since a rejected row changes no one
  const refused = await refuseSuppressedConsents(db, given, { importRunId: context.importId });
  outcome.createdCustomers = resolution.createdIds.length - removed;
  await addEventsToTraits(db, added);
  // their interest conditions, and a lead's type, are judged again in this batch's transaction
  // and a profile email or phone an event filled (an unchanged one's too) may move their segments
  outcome.changedCustomerIds = [...new Set([...added.map((event) => event.customerId), ...filledCustomerIds, ...refilled, ...refused])];
  // a later event of a merged person stays theirs if the merge is undone
  await recordArrivalsThroughMergedIdentities(db, 'event', unique.flatMap((row, index) => (rejectedLines.has(row.line) ? [] : [
    { source: row.source, externalId: row.externalId, customerId: customerIds[index], refs: row.customer }])));
  return outcome;
}

/**
 * A row repeating an event an earlier batch of its import stored, otherwise: naming the first stored field it states otherwise,
 * else the column whose text differs from the row that stored it, else the columns that may (its digest cannot tell which).
 */
function earlierBatchRepeatReject(
  row: CanonicalEvent, firstLine: number, context: WriteContext, difference: FieldDifference | null, text: TextComparison | null,
): Pick<Reject, 'code' | 'params' | 'reason'> {
  const where = whereFirstAppeared(firstLine, context, true);
  const differs = earlierBatchDifference(row, difference, text);
  const params = { event: row.externalId, firstLine };
  if (differs) return { code: 'EVENT_DUPLICATE_IN_FILE', params, reason: `Duplicate event ${row.externalId} ${differenceText(differs, where)}. Keep one row per event.` };
  if (text && !text.isSame) {
    const columns = Object.keys(valuesOfRow.get(row) ?? {});
    return {
      code: 'EVENT_DUPLICATE_IN_FILE', params,
      reason: `Duplicate event ${row.externalId}: ${unstoredColumnText(where, columns, text.hasOtherColumns === true, 'event')}. Keep one row per event.`,
    };
  }
  return { code: 'EVENT_DUPLICATE_IN_FILE', params, reason: `Duplicate event ${row.externalId}: it already appeared ${where}. Keep one row per event.` };
}

/** The stored events of `rows` (by source and id), read only for rows repeating an event an earlier batch of their import stored. */
async function findStoredEvents(db: Db, rows: readonly CanonicalEvent[]): Promise<Map<string, EventAsStored>> {
  const result = await sql<{ source: string; external_id: string; customer_id: string | number; kind: string; channel: string; occurred_at: Date | string; detail: string | null }>`
    select e.source, e.external_id, e.customer_id, e.kind, e.channel, e.occurred_at, e.detail from interest_event e
    join unnest(${rows.map((row) => row.source)}::text[], ${rows.map((row) => row.externalId)}::text[]) as k(source, external_id)
      on e.source = k.source and e.external_id = k.external_id`.execute(db);
  return new Map(result.rows.map((row) => [`${row.source}\u0000${row.external_id}`,
    { customerId: Number(row.customer_id), kind: row.kind, channel: row.channel, occurredAt: row.occurred_at, detail: row.detail }]));
}
