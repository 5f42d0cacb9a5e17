import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { actorOf, principalHasPermission, requirePermission, type Principal } from '../server/access.js';
import { isAppError } from '../core/errors.js';
import { cursorPage, cursorQuery, errorResponse, objectOf, timestamp } from '../server/responses.js';
import { idempotencyKeyHeader, withIdempotency } from '../server/idempotency.js';
import { idOfCursor, pageByIds } from '../server/pagination.js';
import { rejectCodes } from './reject-codes.js';
import type { FieldProblem } from './canonical.js';
import { ingestRecordDocumentation } from './record-schemas.js';
import { ingestRecords, maxBatchRecords, type BatchReject, type BatchSummary } from './ingest-batch.service.js';
import type { StubJoinRecord } from './write/join-stubs.js';
import type { OrderCounts } from './write/order-counts.js';
import { summaryWithoutOtherCustomers } from './write/other-customers-hidden.js';
import { listImportRuns } from './import-runs.repo.js';
import type { MaskedPhone, MaskedPhones } from './rows/index.js';
import { listCustomerIdSources, type CustomerIdSource } from './customer-id-sources.repo.js';
import { closeImportRun, openImportRun, readImportRun } from './open-import-runs.service.js';

const entities = ['customers', 'orders', 'lines', 'products', 'events'] as const;

const rejectCodeSchema = z.enum(rejectCodes).describe('Why, for a program: stable, one of the codes listed in docs/import.md ("Reject codes"); new codes may be added');
const rejectParamsSchema = z.record(z.string(), z.union([z.string(), z.number()])).describe('The values the reason names, by name (the value read, the line of a first duplicate…)');
const rejectColumnSchema = z.string().optional()
  .describe('The record\'s key the field was read from, when it is named otherwise than the field ("Ordered At" read as ordered_at; its case aside); the reason then names it too, "Ordered At (ordered_at) is empty". Absent for a key named as its field');
const rejectSchema = objectOf<BatchReject>()({
  file: z.string().describe('The batch\'s file: the run\'s fileName for a batch of an open run that has one, else "request"'),
  index: z.number().int().nonnegative().describe('The rejected record\'s place in this request\'s `records`, from 0: records[index] is the record. Absent from answers stored before it existed, which a retry with their Idempotency-Key replays as they were'),
  line: z.number().int().positive().describe('The record\'s line: its line in its file when the batch sends `lines` (lines[index]), else its place in the batch from 1 (index + 1). Reasons and params name other records by line too'),
  field: z.string().nullable().describe('The record field at fault, by canonical name; null when no one field is (the record is not an object, ROW_NOT_OBJECT)'),
  column: rejectColumnSchema,
  code: rejectCodeSchema,
  params: rejectParamsSchema,
  reason: z.string().describe('Why, in English, naming the value and the fix. To a caller who may not read customers (customers:read), a reason never names another customer: CUSTOMER_IDENTITY_TAKEN and ORDER_OTHER_CUSTOMER then come without their customer numbers, in params as in the reason'),
  raw: z.string().describe('The record as sent, as JSON text (its fields in the order sent), on every reject whatever its code, so a client can match, fix and resend it. Absent from some answers stored before every reject had it, which a retry with their Idempotency-Key replays as they were'),
  also: z.array(objectOf<FieldProblem>()({ field: z.string().nullable(), column: rejectColumnSchema, code: rejectCodeSchema, params: rejectParamsSchema, reason: z.string() })).optional()
    .describe('The record\'s other problems, beside the one that rejected it (code, field, params and reason as the reject\'s own), so that one pass fixes the record; only for a record rejected for its own values, absent when it has no other. The reject is counted once, under its own code'),
});
const orderCountsSchema = objectOf<OrderCounts>()({
  inserted: z.number().int().nonnegative(), updated: z.number().int().nonnegative(),
  unchanged: z.number().int().describe('below 0 in a batch of an open run that changed orders an earlier batch of the run counted unchanged: it counts them updated, so the batches\' counts add up to the run\'s'),
  rejected: z.number().int().nonnegative().describe('orders none of whose records was stored (records whose order id could not be read are counted as records only)'),
});
const maskedPhonesSchema = objectOf<MaskedPhones>()({
  rows: z.number().int().nonnegative().describe('records read whose phone was masked (each counted once, a buyer\'s and a recipient\'s alike)'),
  first: objectOf<MaskedPhone>()({
    line: z.number().int().positive().describe('its line, as a reject\'s: the file\'s line when the batch sends `lines`, else its place in the batch from 1'),
    field: z.string().describe('the phone field, by canonical name: customer_phone, recipient_phone or phone'), value: z.string().describe('the phone as sent'),
  }).nullable().describe('the first of them, as the example a summary names; null when none'),
});
const summarySchema = objectOf<BatchSummary>()({
  importId: z.number(), entity: z.enum(entities),
  read: z.number().describe('Records read; inserted, updated, unchanged and rejected count records too and add up to it'), inserted: z.number(), updated: z.number(),
  unchanged: z.number(), rejected: z.number(),
  orders: orderCountsSchema.nullable().optional().describe('Orders and lines: the orders the records name, each counted once as what it became (an order of several line records counts once); null for other entities. Absent from answers stored before it existed, which a retry with their Idempotency-Key replays as they were'),
  rejects: z.array(rejectSchema),
  joins: z.array(objectOf<StubJoinRecord>()({
    line: z.number().int(), mergeIds: z.array(z.number().int()),
    customerId: z.number().int().optional().describe('absent, as is mergedCustomerIds, for a caller who may not read customers (customers:read)'),
    mergedCustomerIds: z.array(z.number().int()).optional(),
  })).describe('Customers known only from orders or events (stubs) that a record joined into the customer it describes (`line` is the record\'s position); each join is a merge, undone with POST /api/merges/{mergeId}/undo'),
  ignoredFields: z.array(z.string()).describe('Record fields no canonical field reads (a typo such as "chanel"), or an order line\'s fields (sku, product_name, category, quantity, line_no) in orders records with an amount but no unit_price, which are stored as whole orders; not stored'),
  createdCustomers: z.number().int().nonnegative().optional().describe('Customers this batch created, beside the record counts: buyers and gift recipients (orders) or people (events) no stored customer was found for, and people a customers batch is first to describe; 0 for products and lines. Orders sent without the source their customers were imported with find no one and create new customers, counted here. Absent from answers stored before it existed, which a retry with their Idempotency-Key replays as they were'),
  consentRefusalsKept: z.number().int().nonnegative().optional().describe('Customers: consents (consent_email, consent_sms, consent_whatsapp, consent_profiling, each counted) a record said yes to that stayed no, because the customer had refused them: a refusal stands against a feed. Send the batch again with consentOverridesRefusals: true if its records are the consent authority. 0 for other entities. Absent from answers stored before it existed, which a retry with their Idempotency-Key replays as they were'),
  consentRefusalsOverridden: z.number().int().nonnegative().optional().describe('Customers sent with consentOverridesRefusals: true: consents (each counted) a record said yes to that replaced the customer\'s stored no; 0 otherwise. The run records that it overrode refusals (consent_overrides_refusals) and the audit log a consent.override entry with this count. Absent from answers stored before it existed, which a retry with their Idempotency-Key replays as they were'),
  maskedPhones: maskedPhonesSchema.optional().describe('The records read although a marketplace masked their phone (`0812-3456-7***`, `******7890`), which was ignored: they were read by their other identities, as a file import reads them, since a masked number cannot tell buyers apart (a record known only by one is rejected PHONE_MASKED, not counted here). A file sent in batches sums `rows` and keeps the `first` of the lowest line, as the CLI\'s summary says it. Absent from answers stored before it existed, which a retry with their Idempotency-Key replays as they were'),
});
const importRunSchema = objectOf<Awaited<ReturnType<typeof listImportRuns>>[number]>()({
  import_id: z.number().int(), entity: z.string(), file_name: z.string().nullable(), preset: z.string().nullable(),
  status: z.enum(['running', 'completed', 'failed', 'interrupted']).describe('interrupted: left running by a process that is gone'), read_count: z.number(), inserted_count: z.number(), updated_count: z.number(),
  unchanged_count: z.number(), rejected_count: z.number(),
  order_inserted_count: z.number().nullable().describe('Orders and lines imports: orders inserted, each counted once (the other counts are of rows); null for other entities and runs from before orders were counted'),
  order_updated_count: z.number().nullable(), order_unchanged_count: z.number().nullable(), order_rejected_count: z.number().nullable(),
  created_customer_count: z.number().nullable().describe('Customers the run created (buyers, gift recipients or people it did not know, people a customers file is first to describe); null for runs from before they were counted'),
  started_at: timestamp, finished_at: timestamp.nullable(),
  consent_overrides_refusals: z.boolean().describe('Customers runs sent as the consent authority (an API batch\'s consentOverridesRefusals, the CLI\'s --consent-overrides-refusals): their yes replaced a customer\'s stored no; each batch that did is in the audit log as consent.override. False for other runs, and for runs from before it was recorded'),
  started_by: z.string().describe('Who started it: a key as api-key:<id>:<name>, the command line as cli:<account>, a person as user:<id> with their email only for a caller holding audit:read. The id is an opaque staff number: only callers holding users:manage (who hold audit:read too) can map it to a person'),
}).meta({ id: 'ImportRun', description: 'An import run: a file, or a batch sent as an import of its own, with its counts' });

/** A run as its reader may see it: its starter's email only to those who may read the audit (an owner). */
const runViewOf = (principal: Parameters<typeof principalHasPermission>[0]) => ({ canReadStaffEmails: principalHasPermission(principal, 'audit:read') });

/**
 * A batch that declares itself the consent authority replaces refusals customers recorded: it needs
 * consent:override (owners, admins, admin-scope keys), not only ingest:write. The refusal names the
 * field, and says what to do instead: ask an owner or admin, or send the batch without it.
 */
function requireConsentOverride(principal: Principal | null): void {
  try {
    requirePermission(principal, 'consent:override');
  } catch (error) {
    if (!isAppError(error)) throw error;
    error.details.field = 'consentOverridesRefusals';
    error.message = `${error.message} Nothing was imported. Ask an owner or admin to send the batch with consentOverridesRefusals, `
      + 'or send it without: a customer\'s refusal then stands (counted in consentRefusalsKept) while their other changes apply.';
    throw error;
  }
}

export async function registerIngestRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post('/ingest/:entity', {
    config: { access: { permission: 'ingest:write' } },
    schema: {
      tags: ['ingest'],
      summary: 'Ingest a batch of customers, orders, lines, products or events (an amount string such as "12.345", thousands or decimals, is rejected AMOUNT_AMBIGUOUS: send a JSON number)',
      description: `A batch is a whole import of its own, or one batch of a file sent in several (open a run with POST /api/imports and send its importId with each batch). Records use the canonical field names (e.g. orders: order_id, customer_id or customer_email or customer_phone, ordered_at, amount, currency, channel, status). Valid records land in one transaction; each invalid one comes back as a reject naming it (its index in records, its line) and the field at fault, whatever the batch's other records hold: a record lacking a required field is rejected alone (FIELD_REQUIRED, CUSTOMER_MISSING, CUSTOMER_IDENTITY_MISSING), and a batch none of whose records can land is still answered 200 with every record rejected. Send an Idempotency-Key header to make retries safe. At most ${maxBatchRecords} records. The rows of one order (one per line item) belong in one batch: an order sent again is stored as sent, its lines included, so lines split over two batches keep only the second batch's. An orders batch is read one way, as a file's columns are: as order lines (each needs unit_price) when any of its records has unit_price, else as whole orders (each needs amount); a whole order in a batch of lines is rejected FIELD_REQUIRED unit_price, its reason naming the batch's first record with unit_price. Send whole orders and order lines in separate batches.`,
      params: z.object({ entity: z.enum(entities) }),
      headers: z.object({ 'idempotency-key': idempotencyKeyHeader }).passthrough(),
      body: z.strictObject({
        // each entity's record schema is documentation only (record-schemas.ts): the row parser judges records, as it always has
        records: z.array(z.record(z.string(), z.unknown()).meta(ingestRecordDocumentation)).min(1).max(maxBatchRecords)
          .describe('the records, by canonical field name. Money (amount, refunded_amount, discount_amount, unit_price) is in the currency\'s major units as written, a string or a number: "12.50" is twelve and a half euros, not 1250 cents. A string is read as people write amounts ("1.234,50", "Rp 45.000" in IDR), but one whose only dot or comma is followed by exactly three digits ("12.345", "1.000", "12,500") could be thousands or decimals: in a currency without three decimals its record is rejected AMOUNT_AMBIGUOUS, naming both readings. Send a JSON number, or a string with the currency\'s decimals ("12.35") or without a thousands separator ("12345"). A batch sending `lines` sends a file\'s rows (the web app\'s import) and reads them as a file is read: one separator before exactly three digits is a thousands separator ("45.000" is 45000) unless the currency has three decimals. amount, refunded_amount and discount_amount may not have more decimals than the record\'s currency (IDR none, EUR two, KWD three; trailing zeros aside): "12.50" in IDR is rejected as AMOUNT_TOO_PRECISE, never rounded. unit_price is rounded to the currency\'s minor unit, as some exports price items in fractions of a cent'),
        source: z.string().min(1).max(64).optional().describe('namespace of the records\' customer and order ids, e.g. "shopify" (default "api"). Send the same source with every batch from one system: a customer_id is looked up in its own source only, so orders sent without the source their customers were sent with make new customers (known only by that id) instead of finding them'),
        dateFormat: z.string().min(1).max(64).optional().describe('how times without an ISO form are written, as the CLI\'s --date-format: dd/MM/yyyy, MM/dd/yyyy HH:mm, yyyyMMdd…'),
        fileName: z.string().min(1).max(255).optional().describe('the file the records come from, shown in the list of imports (a batch of an open run takes the run\'s)'),
        importId: z.number().int().positive().optional().describe('the open run (POST /api/imports) this batch belongs to: its batches share one entry in the list of imports and, as a file import\'s do, what earlier batches stored (an order id sent in an earlier batch is a duplicate within the file). The run stays open; close it with POST /api/imports/{importId}/close'),
        consentOverridesRefusals: z.boolean().optional().describe('customers: the records are the consent authority, so a consent_email, consent_sms, consent_whatsapp or consent_profiling of yes replaces a customer\'s stored no. Without it (the default) a refusal stands against a feed: a yes over a stored no keeps the no and is counted in consentRefusalsKept, while a no always applies (a withdrawal), a yes over an unknown applies, and an absent or empty field leaves the stored value alone. Each consent a batch changes is recorded with the run (the customer\'s consent since and source). true needs the consent:override permission (owners, admins, keys with the admin scope; not a marketer nor an ingest key): without it the batch is refused (403 AUTH_FORBIDDEN, field consentOverridesRefusals) and nothing is imported. Its use is recorded on the run (consent_overrides_refusals) and in the audit log (consent.override, with the refusals replaced, counted)'),
        lines: z.array(z.number().int().positive()).max(maxBatchRecords).optional()
          .refine((lines) => !lines || new Set(lines).size === lines.length, 'each record needs a line of its own')
          .describe('each record\'s line in its file, in the records\' order: rejects and duplicates then name the file\'s lines instead of places in the batch, and the records are read as a file\'s rows: an amount string with one separator before exactly three digits ("45.000") is a thousands separator, not rejected AMOUNT_AMBIGUOUS'),
      }),
      response: {
        200: summarySchema.describe('The batch summary; a retry with the same Idempotency-Key gets the first answer again, with the header Idempotent-Replayed: true'),
        403: errorResponse('The importId names a run someone else opened (IMPORT_RUN_FORBIDDEN), or the batch is sent with consentOverridesRefusals: true by a caller without the consent:override permission (owners, admins, keys with the admin scope): AUTH_FORBIDDEN with field consentOverridesRefusals; nothing is imported'),
        404: errorResponse('The importId names no run (IMPORT_RUN_NOT_FOUND)'),
        409: errorResponse('The Idempotency-Key was used before with another body (INGEST_IDEMPOTENCY_MISMATCH), or the importId names a run that has ended or imports another entity (IMPORT_RUN_ENDED_CONFLICT, IMPORT_RUN_ENTITY_CONFLICT)'),
      },
    },
  }, async (request, reply) => {
    const principal = actorOf(request.principal);
    const { records, source, dateFormat, fileName, importId, lines, consentOverridesRefusals } = request.body;
    // refused before anything is read or written, a replay of an earlier answer included
    if (consentOverridesRefusals === true) requireConsentOverride(request.principal);
    const result = await withIdempotency(deps.store.db, { key: request.headers['idempotency-key'], principal, body: { entity: request.params.entity, ...request.body },
      elsewhere: entities.filter((entity) => entity !== request.params.entity).map((entity) => ({ endpoint: `POST /api/ingest/${entity}`, body: { entity, ...request.body } })) }, async (remember) => {
      const summary = await ingestRecords(deps.store.db, request.params.entity, records, {
        source, dateFormat, fileName, importId, lines, consentOverridesRefusals, actor: principal, clock: deps.clock,
        beforeCommit: (trx, answer) => remember(trx, { statusCode: 200, body: answer }), warn: (message) => request.log.warn(message),
      });
      return { statusCode: 200, body: summary };
    });
    // the answer is stored whole, and shown to each caller as they may see it now
    const body = principalHasPermission(request.principal, 'customers:read') ? result.body : summaryWithoutOtherCustomers(result.body as BatchSummary);
    if (result.isReplay) {
      // a replay is the first answer as it was sent (less what its caller may not see), even when a later version's schema has grown since (rejects gained codes)
      reply.header('idempotent-replayed', 'true').header('content-type', 'application/json; charset=utf-8').serializer((payload) => JSON.stringify(payload));
    }
    return reply.status(result.statusCode as 200).send(body as z.infer<typeof summarySchema>);
  });

  api.post('/imports', {
    config: { access: { permission: 'ingest:write' } },
    schema: {
      tags: ['ingest'],
      summary: 'Open an import run for a file sent in several batches',
      description: 'The Location header gives the run\'s address, /api/imports/{importId}. Send each batch to POST /api/ingest/{entity} with this importId (and, best, each record\'s line in the file), then close the run. The file shows once in the list of imports, with the counts of all its batches; a run that receives nothing for ten minutes reads as interrupted. Send an Idempotency-Key header (at most 200 characters) to make a retry safe: a retry with the same key and body answers the run the first request opened, as it is now, with the header Idempotent-Replayed: true, and opens no other; the same key with another body is refused (409 INGEST_IDEMPOTENCY_MISMATCH). Keys are the caller\'s own and apart from those of ingest batches.',
      headers: z.object({ 'idempotency-key': idempotencyKeyHeader }).passthrough(),
      body: z.strictObject({
        entity: z.enum(entities),
        fileName: z.string().min(1).max(255).optional().describe('the file\'s name: shown in the list of imports and given as the file of its rejects'),
        preset: z.string().min(1).max(64).optional().describe('the format the sender read the file with (a preset the CLI lists with `clientele import --list-presets`, of this entity), recorded with the run as a CLI import\'s --preset is; the sender applies its fixes and sends canonical records'),
      }),
      response: { 201: importRunSchema, 400: errorResponse('The request is invalid (REQUEST_INVALID), or the preset imports another entity (IMPORT_OPTION_INVALID); `field` names the part at fault'), 404: errorResponse('There is no such preset (IMPORT_PRESET_NOT_FOUND)'), 409: errorResponse('The Idempotency-Key was used before with another body (INGEST_IDEMPOTENCY_MISMATCH)') },
    },
  }, async (request, reply) => {
    const actor = actorOf(request.principal);
    const view = runViewOf(request.principal);
    // keys are the caller's own, per route: the same key sent with an ingest batch is another request
    const opened = await withIdempotency(deps.store.db, { key: request.headers['idempotency-key'], principal: `POST /api/imports ${actor}`, body: request.body }, async (remember) => {
      const run = await openImportRun(deps.store.db, { entity: request.body.entity, fileName: request.body.fileName ?? null, preset: request.body.preset ?? null, actor }, view,
        (trx, importId) => remember(trx, { statusCode: 201, body: { importId } }));
      return { statusCode: 201, body: { importId: run.import_id, run } };
    });
    const { importId, run } = opened.body as { importId: number; run?: Awaited<ReturnType<typeof readImportRun>> };
    // a replay answers the run the first request opened, as it is now and as this caller may see it
    if (opened.isReplay) reply.header('idempotent-replayed', 'true');
    reply.header('location', `/api/imports/${importId}`);
    return reply.status(201).send(opened.isReplay || !run ? await readImportRun(deps.store.db, importId, view) : run);
  });

  api.post('/imports/:importId/close', {
    config: { access: { permission: 'ingest:write' } },
    schema: {
      tags: ['ingest'],
      summary: 'Close an open import run',
      description: 'completed: every batch was sent; failed: the sender gave up (cancelled, or a batch failed). What the batches stored stays either way; completing an orders run also removes the lines earlier imports stored of its orders that none of its batches restated (a basket\'s rows may span batches, so they wait for the end), counting those orders updated. Closing a run again with the same status answers it again.',
      params: z.object({ importId: z.coerce.number().int().positive() }),
      body: z.strictObject({
        status: z.enum(['completed', 'failed']),
        rejectedBySender: z.number().int().min(0).max(1_000_000_000).optional()
          .describe('rows of the file the sender refused before sending them (the web app\'s format cannot read them): counted as read and rejected, so the run counts the whole file'),
        rejectedOrdersBySender: z.number().int().min(0).max(1_000_000_000).optional()
          .describe('orders and lines runs: the orders of those rows that no batch named (every row of the order was refused), counted as rejected orders, as a file import counts them; at most rejectedBySender'),
      }),
      response: {
        200: importRunSchema, 400: errorResponse('The request is invalid (REQUEST_INVALID), or rejectedOrdersBySender is sent for a run without orders or is more than rejectedBySender (IMPORT_OPTION_INVALID); `field` names the part at fault'),
        404: errorResponse('No such run (IMPORT_RUN_NOT_FOUND)'), 409: errorResponse('The run already ended otherwise (IMPORT_RUN_ENDED_CONFLICT)'),
      },
    },
  }, async (request) => closeImportRun(deps.store.db, request.params.importId, request.body.status, actorOf(request.principal),
    { rows: request.body.rejectedBySender ?? 0, orders: request.body.rejectedOrdersBySender ?? 0 }, runViewOf(request.principal), deps.clock,
    (message) => request.log.warn(message)));

  api.get('/ingest/sources', {
    config: { access: { permission: 'ingest:write' } },
    schema: {
      tags: ['ingest'], summary: 'The sources the stored customer ids come from, the most ids first',
      description: 'A customer_id is looked up among the ids of its own source only: send a batch\'s `source` (the CLI\'s --source) as one listed here to find the customers imported with it. Ids of a family column (external_id.loyalty_card) are listed under the family\'s name.',
      response: { 200: z.object({ sources: z.array(objectOf<CustomerIdSource>()({ source: z.string(), ids: z.number().int().nonnegative().describe('customer ids stored from this source') })) }) },
    },
  }, async () => ({ sources: await listCustomerIdSources(deps.store.db) }));

  api.get('/imports/:importId', {
    config: { access: { permission: 'customers:read' } },
    schema: {
      tags: ['ingest'], summary: 'One import run with its counts',
      params: z.object({ importId: z.coerce.number().int().positive() }),
      response: { 200: importRunSchema, 404: errorResponse('No such run (IMPORT_RUN_NOT_FOUND)') },
    },
  }, async (request) => readImportRun(deps.store.db, request.params.importId, runViewOf(request.principal)));

  api.get('/imports', {
    config: { access: { permission: 'customers:read' } },
    schema: {
      tags: ['ingest'], summary: 'Import runs with their counts, newest first (cursor-paginated)',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), ...cursorQuery }), response: { 200: cursorPage(importRunSchema) },
    },
  }, async (request) => {
    const { limit, cursor } = request.query;
    const rows = await listImportRuns(deps.store.db, {
      limit: limit + 1, beforeId: cursor === undefined ? undefined : idOfCursor(cursor, 'imports'), ...runViewOf(request.principal),
    });
    return pageByIds(rows, limit, 'imports', (run) => run.import_id);
  });
}
