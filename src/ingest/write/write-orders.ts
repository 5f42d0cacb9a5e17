import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { createResolvedCustomers, firstSeenOfCreated, identitiesGivenBy, planCustomerRefs, type RefResolution, type StubFacts } from '../../customers/customers.repo.js';
import { refuseSuppressedConsents } from '../../customers/erasure-suppression.repo.js';
import { recordArrivalsThroughMergedIdentities } from '../../customers/merge-later-arrivals.repo.js';
import { addLinesToCategories, addOrdersToTraits, recomputeTraits } from '../../traits/traits.repo.js';
import { orderKeyOf, type CanonicalLine, type CanonicalOrder } from '../canonical.js';
import { amountFactor, emptyOutcome, inStoreCurrency, missingRate, type BatchOutcome, type WriteContext } from './batch-context.js';
import { groupOrderRows, lineAmountMinor, rejectGroup, type GroupReject, type OrderGroup } from './group-orders.js';
import { convertedBeyondLimit } from './converted-limit.js';
import { duplicateOrder, orderOfOtherCustomer } from './order-rejects.js';
import { customerDifferenceFromEarlierBatch } from './repeated-rows.js';
import { judgeEarlierBatchRepeats, newIdentityKeysOf } from './earlier-batch-repeats.js';
import { insertNewOrders, insertOrders, storedFactorOf, type StagedOrder } from './insert-orders.js';
import { countOrders, settleOrderFates, type OrderFate } from './order-counts.js';
import { removeCustomersOfRejectedRows } from './keep-written-customers.js';
import { rememberOrderRowTexts } from './row-text-memory.repo.js';
import { recomputeTotalsFromLines, upsertOrderLines, type OrderLinesResult } from './write-order-lines.js';
import { reapplyCredits, storeHasCreditNotes } from '../../orders/index.js';

type Db = Kysely<Database>;

type Existing = {
  line: number; order_id: number; customer_id: number; import_id: number | null; import_line: number | null; is_same: boolean;
  /** Who received it as stored: a changed gift moves the first sign of interest of the recipient it had, too. */
  recipient_customer_id: number | null;
  /** This import wrote the order and its lines on an earlier batch: this row continues it. */
  continues_run: boolean;
  /** …and its total was stated there, not summed from lines. */
  keeps_stated_total: boolean;
};

/** `continuesRun`: this import wrote the order on an earlier batch, which counted it. */
type Continuing = StagedOrder & { orderId: number; isChanged: boolean; keepsStatedTotal: boolean; continuesRun: boolean };

/**
 * Writes one batch of orders (call inside a transaction): resolves customers,
 * inserts new orders, updates changed ones, rejects conflicts, and keeps
 * purchase facts current — deltas for new orders, a per-customer recompute for
 * changed ones. Counts are of rows: every row of a multi-row order counts as
 * what its order (or, for a stored order, its line) became; `orders` counts
 * each order once. `rejectedOrderKeys`: orders some of whose rows were
 * rejected before this batch reached the writer.
 */
export async function writeOrders(db: Db, rows: CanonicalOrder[], context: WriteContext, rejectedOrderKeys: readonly string[] = []): Promise<BatchOutcome> {
  const outcome = emptyOutcome();
  const { groups, rejects } = groupOrderRows(rows, context);
  outcome.rejects.push(...rejects);
  // orders counted once each (order-counts.ts): what each became, or rejected when no row of it is stored
  const fates = new Map<string, OrderFate>();
  const rejectedKeys = new Set(rejectedOrderKeys);
  if (rejects.length > 0) {
    const rejectedLines = new Set(rejects.map((reject) => reject.line));
    for (const row of rows) if (rejectedLines.has(row.line)) rejectedKeys.add(keyOf(row));
  }

  const priced: Array<OrderGroup & { factor: number }> = [];
  for (const group of groups) {
    const factor = amountFactor(group.order.currency, context);
    const beyondLimit = factor === null ? null : convertedBeyondLimit(group, factor, context.currency);
    if (factor === null || beyondLimit !== null) {
      outcome.rejects.push(...rejectGroup(group, context.file, beyondLimit ?? { field: 'currency', ...missingRate(group.order.currency, context.currency) }));
      rejectedKeys.add(keyOf(group.order));
    } else priced.push({ ...group, factor });
  }
  // the text of each order's row, for a repeat of it in a later batch (earlier-batch-repeats.ts)
  await rememberOrderRowTexts(db, context, priced);
  if (priced.length > 0) await writePricedOrders(db, priced, context, outcome, fates);
  outcome.orders = await countOrders(db, 'orders', fates, rejectedKeys, context.importId);
  return outcome;
}

/**
 * For each buyer the batch creates, what the first of their orders in it that says so gives: a name
 * and where they live (the buyer rows come first in the resolution; a recipient is never given the
 * buyer's place), written with the customer in the one insert. It is read before the orders are
 * judged; when that order is then rejected, refillCreatedFromStoredOrders puts what the stored
 * orders give (one statement, only in a batch with rejects).
 */
function buyerFactsOfCreated(resolution: RefResolution, priced: ReadonlyArray<OrderGroup>): Map<number, StubFacts> {
  const created = new Set(resolution.createdIds);
  return firstFactsOf(priced.map((group, row) => ({ customerId: resolution.customerIds[row], order: group.order })), (customerId) => created.has(customerId));
}

const placeOf = (facts: Pick<StubFacts, 'city' | 'region' | 'country'>) => ({ city: facts.city, region: facts.region, country: facts.country });
const hasPlace = (facts: Pick<StubFacts, 'city' | 'region' | 'country'>) => facts.city !== null || facts.region !== null || facts.country !== null;

/**
 * Each buyer's name from the first of `orders` that gives one, and their place (city, region,
 * country) whole from the first that gives any of it, so one order's city never sits with another's
 * province; for the customers `keeps` holds, and only those some order says something of.
 */
function firstFactsOf(orders: Iterable<{ customerId: number; order: CanonicalOrder }>, keeps: (customerId: number) => boolean): Map<number, StubFacts> {
  const facts = new Map<number, StubFacts>();
  for (const { customerId, order } of orders) {
    if (!keeps(customerId)) continue;
    const given: StubFacts = { name: order.customerName ?? null, city: order.customerCity ?? null, region: order.customerRegion ?? null, country: order.customerCountry ?? null };
    const known = facts.get(customerId);
    const merged = known === undefined ? given : { name: known.name ?? given.name, ...placeOf(hasPlace(known) ? known : given) };
    if (merged.name !== null || hasPlace(merged)) facts.set(customerId, merged);
  }
  return facts;
}

const factsOfStored = (stored: ReadonlyArray<StagedOrder>) => stored.map((order) => ({ customerId: order.customerId, order: order.order }));

const isSameFacts = (one: StubFacts | undefined, other: StubFacts | undefined) =>
  one?.name === other?.name && one?.city === other?.city && one?.region === other?.region && one?.country === other?.country;

const keyOf = (order: Pick<CanonicalOrder, 'source' | 'externalId'>): string => orderKeyOf(order.source, order.externalId);

async function writePricedOrders(db: Db, priced: Array<OrderGroup & { factor: number }>, context: WriteContext, outcome: BatchOutcome, fates: Map<string, OrderFate>): Promise<void> {
  await keepStoredRates(db, priced);

  // Buyers and gift recipients are resolved together: one lookup round trip per batch.
  const recipientRows = priced.map((group, index) => ({ index, refs: group.order.recipient ?? [] })).filter((row) => row.refs.length > 0);
  const resolution = await planCustomerRefs(db, [...priced.map((group) => group.order.customer), ...recipientRows.map((row) => row.refs)]);
  const rowTimes = [...priced.map((group) => group.order.orderedAt), ...recipientRows.map((row) => priced[row.index].order.orderedAt)];
  const createdFacts = buyerFactsOfCreated(resolution, priced);
  const { filledCustomerIds } = await createResolvedCustomers(db, resolution, undefined, firstSeenOfCreated(resolution, rowTimes), createdFacts);
  const recipientByIndex = new Map(recipientRows.map((row, position) => [row.index, resolution.customerIds[priced.length + position]]));
  const staged = priced.map((group, index) => stageOrder(group, resolution.customerIds[index], recipientByIndex.get(index) ?? null));

  // Fast path: most rows are new orders, inserted straight from the batch's arrays
  // and added to purchase facts in the same statement. Rows whose (source, id)
  // already exists, and orders carrying lines, take the careful path.
  const plain = staged.filter((order) => !order.hasLines);
  const fast = await insertNewOrders(db, plain, context);
  outcome.inserted += fast.inserted;
  for (const order of plain) if (!fast.notInsertedLines.has(order.order.line)) fates.set(keyOf(order.order), 'inserted');
  const careful = staged.filter((order) => order.hasLines || fast.notInsertedLines.has(order.order.line));
  const written = await writeAllCarefully(db, careful, context, outcome, fates, newIdentityKeysOf(resolution));

  let removed = 0;
  let refilled: number[] = [];
  let given = identitiesGivenBy(resolution);
  if (written.rejectedLines.size > 0) {
    const kept = staged.filter((order) => !written.rejectedLines.has(order.order.line));
    const keptRefs = kept.flatMap((order) => [order.order.customer, order.order.recipient ?? []]);
    const keptCustomerIds = new Set(kept.flatMap((order) => (order.recipientId === null ? [order.customerId] : [order.customerId, order.recipientId])));
    ({ removed, filledCustomerIds: refilled, kept: given } = await removeCustomersOfRejectedRows(db, resolution, keptRefs, keptCustomerIds));
  }
  // a buyer or person erased before, brought back by their email or phone: known again, but not contactable
  // (one probe per batch); after the rejected rows are taken back, since a rejected row changes no one
  const refused = await refuseSuppressedConsents(db, given, { importRunId: context.importId });
  outcome.createdCustomers += resolution.createdIds.length - removed;
  // a later order of a merged person, or a later gift for them, stays theirs if the merge is undone
  const stored = staged.filter((order) => !written.rejectedLines.has(order.order.line));
  // a row repeated exactly adds nothing to the order its first row stored
  for (const order of stored) outcome.unchanged += order.repeatLines.length;
  if (written.rejectedLines.size > 0) await refillCreatedFromStoredOrders(db, createdFacts, stored);
  await recordArrivalsThroughMergedIdentities(db, 'order',
    stored.map((order) => ({ source: order.order.source, externalId: order.order.externalId, customerId: order.customerId, refs: order.order.customer })));
  await recordArrivalsThroughMergedIdentities(db, 'gift', stored.flatMap((order) => (order.recipientId === null ? [] : [
    { source: order.order.source, externalId: order.order.externalId, customerId: order.recipientId, refs: order.order.recipient ?? [] }])));
  // a gift's recipient is a lead from it on: their facts changed as the buyer's did
  const giftedTo = plain.flatMap((order) => (order.recipientId !== null && !fast.notInsertedLines.has(order.order.line) ? [order.recipientId] : []));
  // a repeat of an order an earlier batch stored gives its buyer nothing, as a repeat in one batch does (its place may differ)
  const named = await fillStubsFromOrders(db, stored.filter((order) => !written.earlierBatchRepeatLines.has(order.order.line)), new Set(resolution.createdIds));
  const credited = await applyCreditNotes(db, stored, [...fast.customerIds, ...written.customerIds], context);
  // a profile email or phone an order filled (an unchanged one's too) may move the customer's segments
  outcome.changedCustomerIds = [...new Set([...fast.customerIds, ...written.customerIds, ...giftedTo, ...named, ...filledCustomerIds, ...refilled, ...credited, ...refused])];
}

/**
 * Credit notes written, changed or met by this batch's orders are allocated again for their customers
 * (orders/order-credits.repo.ts), after every order and line of the batch is written: a new or
 * restated sale may take a credit an earlier batch or file left unapplied, so the outcome does not
 * depend on batch size or file order. A batch without a credit note in a store without one sends
 * nothing: whether the store holds any is asked once per import. Returns the customers whose sales
 * the credits changed, their purchase facts recomputed.
 */
async function applyCreditNotes(db: Db, stored: ReadonlyArray<StagedOrder>, writtenCustomerIds: readonly number[], context: WriteContext): Promise<number[]> {
  if (stored.some((order) => order.order.status === 'credit_note')) context.creditNotesStored = true;
  context.creditNotesStored ??= await storeHasCreditNotes(db);
  if (!context.creditNotesStored || writtenCustomerIds.length === 0) return [];
  const credited = await reapplyCredits(db, [...new Set(writtenCustomerIds)]);
  await recomputeTraits(db, credited, context.timeZone);
  return credited;
}

/**
 * A buyer this batch created took the name and place of their first orders in it that give them
 * (buyerFactsOfCreated), before the careful path could reject those orders. A rejected row writes
 * nothing, so they are then the stored orders' (firstFactsOf), or none when no stored order gives them.
 */
async function refillCreatedFromStoredOrders(db: Db, givenFacts: ReadonlyMap<number, StubFacts>, stored: ReadonlyArray<StagedOrder>): Promise<void> {
  const storedFacts = firstFactsOf(factsOfStored(stored), (customerId) => givenFacts.has(customerId));
  const changed = [...givenFacts.keys()].filter((customerId) => !isSameFacts(storedFacts.get(customerId), givenFacts.get(customerId)));
  if (changed.length === 0) return;
  const column = (pick: (facts: StubFacts | undefined) => string | null | undefined) => changed.map((customerId) => pick(storedFacts.get(customerId)) ?? null);
  await sql`
    update customer c set name = s.name, city = s.city, region = s.region, country = s.country, updated_at = now()
    from unnest(${changed}::bigint[], ${column((facts) => facts?.name)}::text[], ${column((facts) => facts?.city)}::text[],
      ${column((facts) => facts?.region)}::text[], ${column((facts) => facts?.country)}::text[]) as s(customer_id, name, city, region, country)
    where c.customer_id = s.customer_id and c.is_stub and c.merged_into_customer_id is null`.execute(db);
}

/**
 * A buyer first known from an orders or events file without a name or a place (a stub) takes the
 * name and the place a later order gives, so they can be found by name and counted where they live;
 * customers this batch created took theirs when created (buyerFactsOfCreated). Only an empty field
 * of a stub is filled: a value already stored, or a customer a customers file, staff or the API
 * describes, is never changed by an order. Only the orders stored count, not rejected ones. The
 * customer changed, not the order: an order otherwise the same still counts as unchanged. Returns
 * the customers filled.
 */
async function fillStubsFromOrders(db: Db, stored: ReadonlyArray<StagedOrder>, created: ReadonlySet<number>): Promise<number[]> {
  const facts = firstFactsOf(factsOfStored(stored), (customerId) => !created.has(customerId));
  // most order files name no buyer and give no address: no statement at all then
  if (facts.size === 0) return [];
  const column = (pick: (given: StubFacts) => string | null) => [...facts.values()].map(pick);
  const result = await sql<{ customer_id: number }>`
    update customer c set name = coalesce(c.name, s.name), city = coalesce(c.city, s.city), region = coalesce(c.region, s.region),
      country = coalesce(c.country, s.country), updated_at = now()
    from unnest(${[...facts.keys()]}::bigint[], ${column((given) => given.name)}::text[], ${column((given) => given.city)}::text[],
      ${column((given) => given.region)}::text[], ${column((given) => given.country)}::text[]) as s(customer_id, name, city, region, country)
    where c.customer_id = s.customer_id and c.is_stub and c.merged_into_customer_id is null
      and ((c.name is null and s.name is not null) or (c.city is null and s.city is not null)
        or (c.region is null and s.region is not null) or (c.country is null and s.country is not null))
    returning c.customer_id`.execute(db);
  return result.rows.map((row) => Number(row.customer_id));
}

/**
 * A stored foreign-currency order keeps the rate it was first converted with
 * (`amount_factor`): the same file imported again after the rate changed
 * leaves it unchanged rather than rewriting every amount of it, and a changed
 * order is converted as it was before. One read, only for a batch holding
 * orders in another currency than the store's.
 */
async function keepStoredRates(db: Db, priced: Array<OrderGroup & { factor: number }>): Promise<void> {
  const foreign = priced.filter((group) => group.factor !== 1);
  if (foreign.length === 0) return;
  const stored = await sql<{ source: string; external_id: string; currency: string; amount_factor: number }>`
    select o.source, o.external_id, o.currency, o.amount_factor from customer_order o
    join unnest(${foreign.map((group) => group.order.source)}::text[], ${foreign.map((group) => group.order.externalId)}::text[]) as k(source, external_id)
      on o.source = k.source and o.external_id = k.external_id
    where o.amount_factor is not null`.execute(db);
  const factorOf = new Map(stored.rows.map((row) => [`${row.source}\u0000${row.external_id}\u0000${row.currency}`, Number(row.amount_factor)]));
  for (const group of foreign) group.factor = factorOf.get(`${group.order.source}\u0000${group.order.externalId}\u0000${group.order.currency}`) ?? group.factor;
}

/** Every amount that is summed, in the store currency; the total keeps the order's own. */
function stageOrder(group: OrderGroup & { factor: number }, customerId: number, recipientId: number | null): StagedOrder {
  const discountMinor = inStoreCurrency(group.order.discountMinor, group.factor);
  // within the limit, checked before (group-orders.ts, converted-limit.ts): whole numbers summed exactly
  const linesMinor = group.lines.reduce((sum, line) => sum + lineAmountMinor({ quantity: line.quantity, unitPriceMinor: inStoreCurrency(line.unitPriceMinor, group.factor) }), 0);
  return {
    ...group,
    customerId,
    recipientId,
    amountMinor: group.isTotalFromLines ? linesMinor - discountMinor : inStoreCurrency(group.totalMinor, group.factor),
    refundedMinor: inStoreCurrency(group.order.refundedMinor, group.factor),
    discountMinor,
  };
}

type CarefulResult = { rejectedLines: Set<number>; customerIds: number[]; earlierBatchRepeatLines: Set<number> };

/**
 * The careful path until every order is written. An order it found missing that another import
 * (a server store's import of the same file at the same time) stored before this one could is not
 * inserted, and nothing of it written or counted: it goes round again, read now as stored, as if
 * that import had come first (unchanged when it stored the same, updated when this changes it).
 * Only then is there a second round: each round leaves out the orders it wrote.
 */
async function writeAllCarefully(
  db: Db, orders: StagedOrder[], context: WriteContext, outcome: BatchOutcome, fates: Map<string, OrderFate>, newIdentityKeys: ReadonlySet<string>,
): Promise<CarefulResult> {
  const all: CarefulResult = { rejectedLines: new Set(), customerIds: [], earlierBatchRepeatLines: new Set() };
  let remaining = orders;
  for (let round = 1; remaining.length > 0; round += 1) {
    // a second round reads them as stored; one that still cannot is a fault to report, not a loop to spin in
    if (round > 2) throw new Error(`orders at lines ${remaining.map((order) => order.order.line).join(', ')} were neither stored nor found stored`);
    const { storedMeanwhile, ...written } = await writeCarefully(db, remaining, context, outcome, fates, newIdentityKeys);
    for (const line of written.rejectedLines) all.rejectedLines.add(line);
    for (const line of written.earlierBatchRepeatLines) all.earlierBatchRepeatLines.add(line);
    all.customerIds.push(...written.customerIds);
    remaining = storedMeanwhile;
  }
  return all;
}

/**
 * Orders already stored, and orders carrying lines: classified against what is
 * stored (new, unchanged, changed, another customer's, a repeat within the
 * file, or a multi-row order this import began on an earlier batch). Every
 * order this import accepts carries its import id afterwards, unchanged ones
 * included, so a repeat on a later batch is told from a re-run of the file.
 */
async function writeCarefully(
  db: Db, orders: StagedOrder[], context: WriteContext, outcome: BatchOutcome, fates: Map<string, OrderFate>, newIdentityKeys: ReadonlySet<string>,
): Promise<CarefulResult & { storedMeanwhile: StagedOrder[] }> {
  await stageOrders(db, orders);
  const existingByLine = new Map((await findExisting(db, context.importId)).map((row) => [row.line, row]));
  const toInsert: StagedOrder[] = [];
  const toUpdate: StagedOrder[] = [];
  const toStamp: StagedOrder[] = [];
  const continuing: Continuing[] = [];
  const earlierBatchRepeats: Array<{ order: StagedOrder; found: Existing }> = [];
  const rejectedLines = new Set<number>();
  const fate = (order: StagedOrder, what: OrderFate) => fates.set(keyOf(order.order), what);
  const reject = (order: StagedOrder, why: GroupReject, what: OrderFate) => {
    outcome.rejects.push(...rejectGroup(order, context.file, why));
    rejectedLines.add(order.order.line);
    fate(order, what);
  };
  for (const order of orders) {
    const found = existingByLine.get(order.order.line);
    const isThisImport = found !== undefined && found.import_id !== null && Number(found.import_id) === context.importId;
    if (!found) toInsert.push(order);
    else if (Number(found.customer_id) !== order.customerId) {
      // a row of this import naming another customer than the row that stored the order is a repeat that differs,
      // as it is when both rows are in one batch; an order stored before this import is another customer's
      const why = isThisImport && !found.continues_run
        ? duplicateOrder(order.order.externalId, Number(found.import_line), context, true, customerDifferenceFromEarlierBatch(order.order))
        : orderOfOtherCustomer(order.order, Number(found.customer_id));
      reject(order, why, isThisImport ? 'counted' : 'rejected');
    } else if (isThisImport && !found.continues_run && !order.hasLines) {
      earlierBatchRepeats.push({ order, found });
    } else if (isThisImport && !found.continues_run) {
      // a line row repeating an order an earlier batch stored: that batch counted the order
      reject(order, duplicateOrder(order.order.externalId, Number(found.import_line), context, true), 'counted');
    } else if (isThisImport) {
      continuing.push({ ...order, orderId: found.order_id, isChanged: false, keepsStatedTotal: found.keeps_stated_total, continuesRun: true });
    } else if (order.hasLines) {
      continuing.push({ ...order, orderId: found.order_id, isChanged: !found.is_same, keepsStatedTotal: false, continuesRun: false });
      (found.is_same ? toStamp : toUpdate).push(order);
    } else if (found.is_same) {
      outcome.unchanged += 1;
      fate(order, 'unchanged');
      toStamp.push(order);
    } else {
      outcome.updated += 1;
      fate(order, 'updated');
      toUpdate.push(order);
    }
  }

  if (earlierBatchRepeats.length > 0) await judgeEarlierBatchRepeats(db, earlierBatchRepeats, context, outcome, { reject, fate }, newIdentityKeys);

  const inserted = await insertOrders(db, toInsert, context);
  await updateOrders(db, toUpdate, context);
  await stampOrders(db, toStamp, context);
  const insertedIdByLine = new Map(inserted.map((row) => [row.line, row.order_id]));
  for (const order of toInsert) {
    if (!insertedIdByLine.has(order.order.line)) continue;
    outcome.inserted += order.rowLines.length;
    fate(order, 'inserted');
  }

  const withLines = [
    ...toInsert.filter((order) => order.hasLines && insertedIdByLine.has(order.order.line))
      .map((order) => ({ ...order, orderId: insertedIdByLine.get(order.order.line)!, isNew: true, isChanged: false, keepsStatedTotal: false })),
    ...continuing.map((order) => ({ ...order, isNew: false })),
  ];
  const lines: OrderLinesResult = withLines.length > 0 ? await upsertOrderLines(db, withLines, context) : { fates: new Map(), changedOrderIds: new Set(), newLines: [] };
  const withNewLines = new Set(lines.newLines.map((key) => key.orderId));
  const summed = withLines.filter((order) => order.isTotalFromLines && !order.keepsStatedTotal);
  await recomputeTotalsFromLines(db, summed.filter((order) => order.isNew || order.isChanged || withNewLines.has(order.orderId) || lines.changedOrderIds.has(order.orderId)));

  // a changed gift changes its recipients' first sign of interest, the one it had and the one it has
  const recompute = new Set<number>(toUpdate.flatMap((order) => [order.customerId, ...recipientsOf(order, existingByLine.get(order.order.line))]));
  const summedIds = new Set(summed.map((order) => order.orderId));
  for (const order of continuing) {
    const linesChanged = lines.changedOrderIds.has(order.orderId);
    if (linesChanged || (summedIds.has(order.orderId) && withNewLines.has(order.orderId))) recompute.add(order.customerId);
    if (order.isChanged) outcome.updated += order.rowLines.length;
    else for (const line of order.rowLines) outcome[lines.fates.get(line) ?? 'unchanged'] += 1;
  }
  // an order stored before is updated when its fields or any of its lines changed; one whose rows an
  // earlier batch began (continuesRun: a file sorted by product) was counted there, and moves from
  // unchanged to updated when these rows change it
  const continuingById = new Map(continuing.map((order) => [order.orderId, order]));
  await settleOrderFates(db, continuing.map((order) => ({
    key: keyOf(order.order), orderId: order.orderId, isCountedEarlier: order.continuesRun,
    isChanged: order.isChanged || lines.changedOrderIds.has(order.orderId) || order.rowLines.some((line) => (lines.fates.get(line) ?? 'unchanged') !== 'unchanged'),
  })), context, fates, (orderId) => {
    const order = continuingById.get(orderId)!;
    return {
      customerId: order.customerId, orderId, factor: order.factor, discountMinor: order.order.discountMinor,
      isSummed: order.isTotalFromLines && !order.keepsStatedTotal, countedUnchanged: true,
    };
  });

  // Deltas before recomputation: a recompute rebuilds its customers from all their orders, new ones included.
  await addOrdersToTraits(db, inserted.map((row) => ({ customerId: row.customer_id, orderId: row.order_id })), context.timeZone);
  await addLinesToCategories(db, lines.newLines.filter((key) => !recompute.has(key.customerId)));
  await recomputeTraits(db, [...recompute], context.timeZone);
  const insertedLines = new Set(inserted.map((row) => Number(row.line)));
  const giftedTo = toInsert.flatMap((order) => (insertedLines.has(order.order.line) && order.recipientId !== null ? [order.recipientId] : []));
  return {
    rejectedLines, customerIds: [...inserted.map((row) => row.customer_id), ...recompute, ...lines.newLines.map((key) => key.customerId), ...giftedTo],
    earlierBatchRepeatLines: new Set(earlierBatchRepeats.map(({ order }) => order.order.line)),
    // found missing, yet not inserted: another import stored it meanwhile (its insert waited for that one's commit)
    storedMeanwhile: toInsert.filter((order) => !insertedLines.has(order.order.line)),
  };
}

/** The recipients an order had as stored and has now, other than its buyer. */
function recipientsOf(order: StagedOrder, stored: Existing | undefined): number[] {
  const recipients = [order.recipientId, stored?.recipient_customer_id == null ? null : Number(stored.recipient_customer_id)];
  return recipients.filter((recipient): recipient is number => recipient !== null && recipient !== order.customerId);
}

async function stageOrders(db: Db, orders: StagedOrder[]): Promise<void> {
  await sql`create temp table if not exists stage_order_group (
    line int, source text, external_id text, customer_id bigint, ordered_at timestamptz, currency text,
    total_minor bigint, amount_minor bigint, refunded_minor bigint, discount_minor bigint, promotion_code text,
    channel text, status text, recipient_customer_id bigint, location text, has_lines boolean, is_total_from_lines boolean,
    amount_factor float8) on commit delete rows`.execute(db);
  await sql`truncate stage_order_group`.execute(db);
  const column = <T>(pick: (order: StagedOrder) => T) => orders.map(pick);
  await sql`insert into stage_order_group select * from unnest(
    ${column((o) => o.order.line)}::int[], ${column((o) => o.order.source)}::text[], ${column((o) => o.order.externalId)}::text[],
    ${column((o) => o.customerId)}::bigint[], ${column((o) => o.order.orderedAt)}::timestamptz[], ${column((o) => o.order.currency)}::text[],
    ${column((o) => o.totalMinor)}::bigint[], ${column((o) => o.amountMinor)}::bigint[], ${column((o) => o.refundedMinor)}::bigint[],
    ${column((o) => o.discountMinor)}::bigint[], ${column((o) => o.order.promotionCode)}::text[], ${column((o) => o.order.channel)}::text[],
    ${column((o) => o.order.status)}::text[], ${column((o) => o.recipientId)}::bigint[], ${column((o) => o.order.location)}::text[],
    ${column((o) => o.hasLines)}::boolean[], ${column((o) => o.isTotalFromLines)}::boolean[], ${column((o) => storedFactorOf(o.factor))}::float8[])`.execute(db);
}

async function findExisting(db: Db, importId: number): Promise<Existing[]> {
  const ofThisImport = sql`o.import_id is not distinct from ${importId}::bigint and s.has_lines`;
  const result = await sql<Existing>`
    select s.line, o.order_id, o.customer_id, o.import_id, o.import_line, o.recipient_customer_id,
      (o.ordered_at, o.currency, o.refunded_minor - o.credited_minor, o.discount_minor, o.promotion_code, o.channel, coalesce(o.stated_status, o.status),
        o.recipient_customer_id, o.location)
        is not distinct from
      (s.ordered_at, s.currency::char(3), s.refunded_minor, s.discount_minor, s.promotion_code, s.channel, s.status, s.recipient_customer_id, s.location)
      and (s.is_total_from_lines or (o.total_minor = s.total_minor and o.amount_minor = s.amount_minor)) as is_same,
      ${ofThisImport} and exists (
        select 1 from order_line l where l.customer_id = o.customer_id and l.order_id = o.order_id and l.import_id = ${importId}::bigint) as continues_run,
      ${ofThisImport} and s.is_total_from_lines and o.amount_minor <> (
        select coalesce(sum(round(l.quantity * l.unit_price_minor)), 0) from order_line l
        where l.customer_id = o.customer_id and l.order_id = o.order_id) - o.discount_minor as keeps_stated_total
    from stage_order_group s join customer_order o on o.source = s.source and o.external_id = s.external_id`.execute(db);
  return result.rows;
}

async function updateOrders(db: Db, orders: StagedOrder[], context: WriteContext): Promise<void> {
  if (orders.length === 0) return;
  await sql`
    update customer_order o set ordered_at = s.ordered_at, currency = s.currency, total_minor = s.total_minor, amount_minor = s.amount_minor,
      refunded_minor = s.refunded_minor, discount_minor = s.discount_minor, promotion_code = s.promotion_code, channel = s.channel,
      status = s.status, credited_minor = 0, stated_status = null, recipient_customer_id = s.recipient_customer_id, location = s.location, amount_factor = s.amount_factor,
      import_id = ${context.importId}::bigint, import_line = s.line, updated_at = now()
    from stage_order_group s
    where s.line = any(${orders.map((order) => order.order.line)}::int[]) and o.source = s.source and o.external_id = s.external_id`.execute(db);
}

/** Marks unchanged orders as met by this import, so a later repeat in the file is recognised. */
async function stampOrders(db: Db, orders: StagedOrder[], context: WriteContext): Promise<void> {
  if (orders.length === 0) return;
  await sql`
    update customer_order o set import_id = ${context.importId}::bigint, import_line = s.line
    from stage_order_group s
    where s.line = any(${orders.map((order) => order.order.line)}::int[]) and o.source = s.source and o.external_id = s.external_id`.execute(db);
}

export type { CanonicalLine };
