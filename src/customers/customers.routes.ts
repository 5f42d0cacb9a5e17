import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { actorOf, principalHasPermission } from '../server/access.js';
import { idempotencyKeyHeader, withIdempotency } from '../server/idempotency.js';
import { countCustomers, getCustomer, listCustomers, lookupCustomer } from './customers.queries.js';
import { createCustomer, deleteCustomer, requireCustomer, updateCustomer } from './customers.service.js';
import { listMerges, mergeCustomers, undoMerge } from './merge.service.js';
import { removeIdentity } from './remove-identity.service.js';
import { customerTimeline } from './timeline.js';
import { exportCustomerData } from './subject-export.js';
import { removeErasureSuppression } from './erasure-suppression.service.js';
import { subjectExportSchema } from './subject-export.schemas.js';
import { customerCountSchema, customerDetailSchema, customerPageSchema, mergeListSchema } from './customer-responses.schemas.js';
import { timelinePageSchema } from './timeline-responses.schemas.js';
import { customerWriteResponseSchema, identityRemovalResponseSchema } from './customer-write-responses.schemas.js';
import { errorResponse, noContent } from '../server/responses.js';
import { requireCsrfTokenOnRead } from '../server/plugins/authenticate.js';
import type { Principal } from '../server/access.js';
import {
  countCustomersQuerySchema, createCustomerSchema, customerIdParams, deleteCustomerQuerySchema, erasureSuppressionRemovalSchema, listCustomersQuerySchema,
  lookupQuerySchema, mergeBodySchema, removeIdentityQuerySchema, timelineQuerySchema, updateCustomerSchema,
} from './customers.schemas.js';
import { consentFilterSchema } from './consent-filter.js';

const tags = ['customers'];
// the list and its count take the same consent filter, so the count is of the list a marketer exports
const listQuerySchema = listCustomersQuerySchema.extend({ consent: consentFilterSchema });
const countQuerySchema = countCustomersQuerySchema.extend({ consent: consentFilterSchema });
const undoneMergeSchema = z.object({
  undone: z.literal(true),
  mergeId: z.number().int(),
  keptCustomerId: z.number().int(),
  restoredCustomerId: z.number().int(),
  ordersMovedBack: z.number().int().describe("orders moved back: the merge's own and those that came later through the restored customer's identities"),
  eventsMovedBack: z.number().int().describe("interest events moved back: the merge's own and those that came later through the restored customer's identities"),
  giftsMovedBack: z.number().int().describe("gifts whose recipient is the restored customer again: those the merge moved and those bought for them later through their identities"),
});
// a write's answer holds the customer only for a caller who may read them: customers:write alone is not customers:read
const canReadCustomers = (principal: Principal | null) => principalHasPermission(principal, 'customers:read');
const writeAnswer = 'Answers the customer as they are now to a caller with customers:read; to one without it (an API key with the write scope alone), only `{ customerId }`.';

const notFound = errorResponse('No such customer (CUSTOMER_NOT_FOUND; `details.mergedInto` when they were merged into another)');
const identityTaken = errorResponse('An identity already belongs to another customer (CUSTOMER_IDENTITY_CONFLICT; `details.belongsTo` is their number, told only to a caller with customers:read): on create, that customer is the one to add details to; on update, an admin or owner may merge the two');

/** What a deletion erases and keeps, for the API's description (docs/privacy.md says the same at length). */
const erasureDescription = [
  'Erases the customer and, with them, every customer merged into them: their profile, identities (emails, phones, external ids), consents, orders with their lines and credits, interest events, and everything derived from those (purchase facts, categories, rhythm, types and type history, RFM score, persona, prediction, per-customer alerts, segment memberships and their entry and exit history).',
  'Orders they received as gifts stay with the buyers, without a recipient. Store-wide daily sums and segment counts follow.',
  'Kept: the merge records they took part in (customer ids, who merged, when; what the merge moved is cleared, so it can no longer be undone) and the audit log\'s entries about them (who did what, when, the customer id), with every personal value in their details replaced by `[erased]`; answers kept for Idempotency-Key replays have their values erased the same way.',
  'Their emails and phones are kept as keyed digests in the suppression list (`suppression=false` keeps none): whoever an import, the API or the CLI brings back with one of them is recorded again, with every consent refused (source `suppression`).',
  'The deletion is audited as `customer.delete` with the counts of what went (`orders`, `orderLines`, `events`, `identities`, `mergedCustomers`), `suppressedIdentities` and `suppressionKept`, and no value of theirs.',
  'It cannot be undone. Not touched: import rejects files on disk, import file names, other customers\' free text that mentions them, database backups, and rows PostgreSQL frees only at its next VACUUM; a later import of a file that still holds them creates them again (docs/privacy.md).',
].join(' ');

export async function registerCustomerRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;

  api.get('/customers', {
    config: { access: { permission: 'customers:read' } },
    schema: { tags, summary: 'List and search customers (cursor-paginated; for a complete sync page with sort=recent, as a customer whose revenue, last purchase or name changes mid-walk may be skipped by those sorts)', querystring: listQuerySchema, response: { 200: customerPageSchema } },
  }, async (request) => listCustomers(db, request.query));

  api.get('/customers/count', {
    config: { access: { permission: 'customers:read' } },
    schema: { tags, summary: 'Count the customers a list filter holds (the list itself never counts; ask for this beside its first page)', querystring: countQuerySchema, response: { 200: customerCountSchema } },
  }, async (request) => countCustomers(db, request.query));

  api.get('/customers/lookup', {
    config: { access: { permission: 'customers:read' } },
    schema: {
      tags, summary: 'Find the customer behind an email, phone or external id', querystring: lookupQuerySchema,
      description: 'An email and a phone are read as on add. An external id stored as given is found; otherwise it is compared with the same system\'s ids folded (letter case, spaces, dashes, dots, slashes and underscores aside on both sides), as the search does: "lc0068890246" and "LC 0068 890246" find LC-0068-890246. When those forms are several customers\' ids, none is guessed: 400 CUSTOMER_LOOKUP_AMBIGUOUS lists them (`details.matches`).',
      response: { 200: customerDetailSchema, 404: errorResponse('No customer has this identity (CUSTOMER_NOT_FOUND)') },
    },
  }, async (request) => getCustomer(db, await lookupCustomer(db, request.query)));

  api.post('/customers', {
    config: { access: { permission: 'customers:write' } },
    schema: {
      tags, summary: 'Create a customer',
      description: `${writeAnswer} The Location header gives the new customer's address, /api/customers/{customerId}. With an Idempotency-Key header a retry of the same body creates no second customer: it is answered with the first one (header idempotent-replayed: true); the same key with another body is refused (409 INGEST_IDEMPOTENCY_MISMATCH).`,
      headers: z.object({ 'idempotency-key': idempotencyKeyHeader }).passthrough(),
      body: createCustomerSchema, response: { 201: customerWriteResponseSchema, 409: identityTaken },
    },
  }, async (request, reply) => {
    const { identities, ...fields } = request.body;
    const actor = actorOf(request.principal);
    // keys are the caller's own, per route: the same key sent with an ingest batch is another request
    // the audit entry and the key's answer commit with the customer: a deletion right after erases both
    const created = await withIdempotency(db, { key: request.headers['idempotency-key'], principal: `POST /api/customers ${actor}`, body: request.body }, async (remember) => {
      const newId = await createCustomer(db, fields, identities, {
        clock: deps.clock, hidesOtherCustomers: !canReadCustomers(request.principal), actor,
        beforeCommit: (trx, customerId) => remember(trx, { statusCode: 201, body: { customerId } }),
      });
      return { statusCode: 201, body: { customerId: newId } };
    });
    const { customerId } = created.body as { customerId: number };
    if (created.isReplay) reply.header('idempotent-replayed', 'true');
    reply.header('location', `/api/customers/${customerId}`);
    return reply.status(201).send(canReadCustomers(request.principal) ? await getCustomer(db, customerId) : { customerId });
  });

  api.get('/customers/:customerId', {
    config: { access: { permission: 'customers:read' } },
    schema: { tags, summary: 'A customer with identities, purchase facts and categories', params: customerIdParams, response: { 200: customerDetailSchema, 404: notFound } },
  }, async (request) => getCustomer(db, request.params.customerId));

  api.patch('/customers/:customerId', {
    config: { access: { permission: 'customers:write' } },
    schema: {
      tags, summary: 'Update profile fields, consent, or add identities; a changed or cleared email or phone replaces the identity the old value was', params: customerIdParams,
      description: `${writeAnswer} A body with nothing to change is refused (400 REQUEST_INVALID) and leaves no audit entry.`,
      body: updateCustomerSchema,
      response: { 200: customerWriteResponseSchema, 404: notFound, 409: identityTaken },
    },
  }, async (request) => {
    const { identities, ...fields } = request.body;
    const { customerId } = request.params;
    let answer: Awaited<ReturnType<typeof getCustomer>> | { customerId: number } = { customerId };
    await updateCustomer(db, customerId, fields, identities, {
      clock: deps.clock, hidesOtherCustomers: !canReadCustomers(request.principal), actor: actorOf(request.principal),
      // read before the commit: a deletion waiting for this edit would otherwise turn its answer into a 404
      beforeCommit: async (trx) => { if (canReadCustomers(request.principal)) answer = await getCustomer(trx, customerId); },
    });
    return answer;
  });

  api.delete('/customers/:customerId/identities', {
    config: { access: { permission: 'customers:write' } },
    schema: {
      tags, summary: 'Remove an identity (normalised as on add); an email or phone that is also the profile field clears that field', params: customerIdParams, querystring: removeIdentityQuerySchema,
      description: 'Answers the identity removed and the customer as they are now to a caller with customers:read; to one without it (an API key with the write scope alone), only `{ customerId, clearedField }`.',
      response: {
        200: identityRemovalResponseSchema,
        404: errorResponse('No such customer (CUSTOMER_NOT_FOUND), or the customer does not have this identity (CUSTOMER_IDENTITY_NOT_FOUND)'),
        409: errorResponse('A merge not yet undone brought this identity (CUSTOMER_IDENTITY_MERGE_CONFLICT; `details.mergeId`): undo it first, then remove the identity from the restored customer (`details.mergedCustomerId`, told only to a caller with customers:read)'),
      },
    },
  }, async (request) => {
    const result = await removeIdentity(db, request.params.customerId, request.query, actorOf(request.principal), { clock: deps.clock, hidesOtherCustomers: !canReadCustomers(request.principal) });
    if (!canReadCustomers(request.principal)) return { customerId: request.params.customerId, clearedField: result.clearedField };
    return { ...result, customer: await getCustomer(db, request.params.customerId) };
  });

  api.delete('/customers/:customerId', {
    config: { access: { permission: 'customers:merge' } },
    schema: {
      tags, summary: 'Delete a customer and all their facts (erasure; cannot be undone)', params: customerIdParams, querystring: deleteCustomerQuerySchema,
      description: `${erasureDescription} The CLI does the same: \`clientele customers delete <id> --yes\`. For a copy of what is held about them first (a subject access request), GET /api/customers/{customerId}/export.`,
      response: { 204: noContent, 404: notFound },
    },
  }, async (request, reply) => {
    await deleteCustomer(db, request.params.customerId, { clock: deps.clock, actor: actorOf(request.principal), suppress: request.query.suppression });
    return reply.status(204).send();
  });

  api.post('/customers/erasure-suppression/remove', {
    // who may erase a person may also let them back
    config: { access: { permission: 'customers:merge' } },
    schema: {
      tags, summary: 'Remove the suppression entry of an erased person\'s email or phone', body: erasureSuppressionRemovalSchema,
      description: 'A person erased before asked to be contactable again: the entry their email or phone left in the suppression list goes, so a feed\'s yes applies to them again as to anyone (a consent already refused stays refused until changed). Audited as `erasure-suppression.remove` with the kind only. 404 ERASURE_SUPPRESSION_NOT_FOUND when no entry matches. The CLI does the same: `clientele customers unsuppress <email|phone>`. docs/privacy.md.',
      response: { 200: z.object({ kind: z.enum(['email', 'phone']), removed: z.literal(true) }), 404: errorResponse('No suppression entry matches (ERASURE_SUPPRESSION_NOT_FOUND)') },
    },
  }, async (request) => removeErasureSuppression(db, request.body, { actor: actorOf(request.principal) }));

  api.get('/customers/:customerId/export', {
    // the roles that may erase (customers:merge): whoever may erase a person may first give them a copy of what is held, and no one else may take it all at once
    config: { access: { permission: 'customers:export' } },
    // a heavy read audited in the caller's name: a staff session sends its X-CSRF-Token as for a write,
    // so a link on another site (the Lax cookie rides along a top-level GET) cannot make an admin's browser export
    preHandler: requireCsrfTokenOnRead,
    schema: {
      tags, summary: 'Everything held about a customer, as one JSON document (subject access request)', params: customerIdParams,
      description: 'Their profile and identities, consents, every order with its lines, gifts received, interest events, purchase facts and RFM, current types and type history, prediction, persona, the saved segments they are in and their entries and exits, alerts, merges (with the customers merged into them), the full timeline and the audit entries filed under them. Every list is read to its end. `sections` says in words what each holds; `currency` is the store\'s. The document goes to the person it is about, so it names no one else: whoever acted on them is named by kind and role ("staff (admin)", "API key", "import", "system"), and a gift\'s buyer not at all. Audited as `customer.export` with counts only. With the session cookie, send the X-CSRF-Token header as for a write (403 AUTH_CSRF_INVALID without it); an API key needs none. HEAD only says whether the customer exists: it reads and audits nothing. The CLI does the same: `clientele customers export <id> --out FILE`. docs/privacy.md.',
      response: { 200: subjectExportSchema, 404: notFound },
    },
  }, async (request, reply) => {
    // a HEAD answer has no body: the document is not read, and nothing was exported to audit
    if (request.method === 'HEAD') {
      await requireCustomer(db, request.params.customerId);
      return reply.status(200).send(undefined as never);
    }
    return exportCustomerData(db, request.params.customerId, { clock: deps.clock, actor: actorOf(request.principal) });
  });

  api.get('/customers/:customerId/timeline', {
    config: { access: { permission: 'customers:read' } },
    schema: { tags, summary: "A customer's orders, interest events, merges, type changes, profile edits and identity removals, newest first", params: customerIdParams, querystring: timelineQuerySchema, response: { 200: timelinePageSchema, 404: notFound } },
  }, async (request) => customerTimeline(db, request.params.customerId, { ...request.query, canReadStaffEmails: principalHasPermission(request.principal, 'audit:read') }));

  api.post('/customers/:customerId/merge', {
    config: { access: { permission: 'customers:merge' } },
    schema: {
      tags, summary: 'Merge another customer into this one (undoable)', params: customerIdParams, body: mergeBodySchema,
      response: { 200: z.object({ mergeId: z.number().int() }), 404: errorResponse('Either customer does not exist (CUSTOMER_NOT_FOUND; `field` says which, `details.mergedInto` names whom a merged one went to)') },
    },
  }, async (request) => mergeCustomers(db, request.params.customerId, request.body.otherCustomerId, actorOf(request.principal), { clock: deps.clock }));

  api.get('/customers/:customerId/merges', {
    config: { access: { permission: 'customers:read' } },
    schema: { tags, summary: 'Merges this customer took part in', params: customerIdParams, response: { 200: mergeListSchema, 404: notFound } },
  }, async (request) => ({ items: await listMerges(db, request.params.customerId, { canReadStaffEmails: principalHasPermission(request.principal, 'audit:read') }) }));

  api.post('/merges/:mergeId/undo', {
    config: { access: { permission: 'customers:merge' } },
    schema: {
      tags, summary: 'Undo a merge', params: z.object({ mergeId: z.coerce.number().int().positive() }),
      response: {
        200: undoneMergeSchema,
        404: errorResponse('No such merge (CUSTOMER_MERGE_NOT_FOUND)'),
        409: errorResponse('The merge was already undone, or cannot be undone exactly any more (CUSTOMER_MERGE_CONFLICT, CUSTOMER_MERGE_UNDO_CONFLICT)'),
      },
    },
  }, async (request) => undoMerge(db, request.params.mergeId, actorOf(request.principal), { clock: deps.clock }));
}
