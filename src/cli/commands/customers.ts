import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { countCustomers, getCustomer, listCustomers, customerSorts } from '../../customers/customers.queries.js';
import { recentSortMeaning } from '../../customers/customer-sorts.js';
import { listCustomersQuerySchema } from '../../customers/customers.schemas.js';
import { listMerges, mergeCustomers, undoMerge } from '../../customers/merge.service.js';
import { customerTimeline, type TimelineEntry } from '../../customers/timeline.js';
import { customerTypeTimeline, customerTypesByPrecedence, isCustomerType, listCustomersByType } from '../../analytics/index.js';
import { dayClosedBy } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import { minorUnitsOf } from '../../core/money.js';
import type { CliRuntime } from '../runtime.js';
import { keyValues, money, table } from '../format.js';
import { idOf } from '../option-values.js';
import { withExamples } from '../examples.js';
import { registerCustomerWriteCommands } from './customer-writes.js';

const parseCustomerId = idOf('a customer id');
/** A date column (a calendar day read as UTC midnight): the day itself, not that instant in the store's zone, a day early west of UTC. */
function calendarDay(value: unknown): string {
  if (value === null || value === undefined) return '';
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
}

// BG/NBD cannot tell whether a customer without a repeat purchase has left (docs/models.md)
const notEstimated = 'not estimated (one purchase only)';

const optionOfField: Record<string, string> = { q: '--query', rfmSegment: '--segment' };

/** The options checked by the same schema as the API's query, so a wrong value is named before the store is opened. */
function listQueryOf(options: ListOptions) {
  const parsed = listCustomersQuerySchema.safeParse({
    q: options.query, status: options.status, channel: options.channel, city: options.city, type: options.type,
    rfmSegment: options.segment, sort: options.sort, limit: options.limit, cursor: options.cursor,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? '');
  const option = optionOfField[field] ?? `--${field}`;
  const allowed = 'values' in issue && Array.isArray(issue.values) ? ` Use one of: ${issue.values.join(', ')}.` : '';
  throw new AppError('CLI_ARGUMENT_INVALID', `${option}: ${issue.message}.${allowed}`, { field: option });
}

type ListOptions = { query?: string; status?: string; channel?: string; city?: string; type?: string; segment?: string; minSpend?: number; sort?: string; limit: number; offset?: number; cursor?: string };

/** An amount in the store currency's major units, written with a point for decimals (`150000`, `99.50`). */
function amountOption(value: string): number {
  const amount = /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isFinite(amount)) throw new AppError('CLI_ARGUMENT_INVALID', `--min-spend: "${value.slice(0, 40)}" is not an amount. Write it in the store currency with a point for decimals, e.g. 150000 or 99.50.`, { field: '--min-spend' });
  return amount;
}

/** A type name the analysis gives, checked before the store is opened (the API's filter takes any text and finds no one). */
function checkType(type: string | undefined): void {
  if (type === undefined || isCustomerType(type.trim())) return;
  throw new AppError('CLI_ARGUMENT_INVALID', `--type: unknown customer type "${type.slice(0, 40)}". Use one of: ${customerTypesByPrecedence.join(', ')}.`, { field: '--type' });
}

/** With --type and no other filter, sort or cursor, the list is that type's customers with their reasons. */
const isTypeListing = (options: ListOptions) => options.type !== undefined
  && [options.query, options.status, options.channel, options.city, options.segment, options.minSpend, options.sort, options.cursor].every((value) => value === undefined);

const nonNegativeInteger = (option: string) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new AppError('CLI_ARGUMENT_INVALID', `${option}: "${value.slice(0, 40)}" is not a whole number of 0 or more.`, { field: option });
  return number;
};

/** One customer a line: id, types and the one-line reasons, which are never cut short. */
function typeListing(page: Awaited<ReturnType<typeof listCustomersByType>>, offset: number): string {
  if (page.customers.length === 0) return `(none: no customer is ${page.type})`;
  const rows = page.customers.map((customer) => [String(customer.customerId), customer.types.join(', '), customer.explanation]);
  const idWidth = Math.max(...rows.map((row) => row[0].length));
  const typesWidth = Math.max(...rows.map((row) => row[1].length));
  const lines = rows.map(([id, types, reasons]) => `${id.padEnd(idWidth)}  ${types.padEnd(typesWidth)}  ${reasons}`);
  const shown = offset + page.customers.length;
  const more = shown < page.total ? `; more: --offset ${shown}` : '';
  return `${lines.join('\n')}\n(${offset + 1}–${shown} of ${page.total.toLocaleString('en')} customers typed ${page.type}${more})`;
}

/**
 * A type spell is listed when it began; one that has ended says until when:
 * the as-of day of the analysis that found the type gone (it ends at that
 * day's close, the next midnight in the store's time zone).
 */
function timelineTitle(entry: TimelineEntry, timeZone: string): string {
  if (entry.kind === 'merge') return `${entry.title} (merge #${String(entry.detail.mergeId)})`;
  const leftAt = entry.kind === 'type_change' ? entry.detail.leftAt : null;
  if (typeof leftAt !== 'string') return entry.title;
  return `was ${String(entry.detail.type)} until ${dayClosedBy(leftAt, timeZone)}`;
}

export function registerCustomersCommand(program: Command, runtime: CliRuntime): void {
  const customers = program.command('customers').description('list, show, create, update and merge customers');

  withExamples(customers.command('list')
    .description(`list customers, ${recentSortMeaning}, with search and filters`), [
    ['clientele customers list --type at_risk', "with each customer's reason"],
    ['clientele customers list --status real --sort revenue --limit 20'],
    ['clientele customers list --min-spend 1500000 --city Bandung', 'who spent at least 1,500,000 in the store currency'],
    ['clientele customers list -q ana@example.com'],
  ])
    .option('-q, --query <text>', 'words of a name (each begins a word of it, any order, accents optional), an exact email or phone, an external id (case, spaces and dashes aside), an order id, or a customer number (a merged one finds whom it went to)')
    .option('--status <status>', 'real | lead')
    .option('--channel <channel>', 'store | web | mobile | marketplace | phone | other')
    .option('--city <city>')
    .option('--type <type>', `customer type from the last \`clientele analyze\` (${customerTypesByPrecedence.join(', ')}); alone, lists that type's customers by id with their reasons`)
    .option('--segment <name>', 'RFM segment, e.g. Champions')
    .option('--min-spend <amount>', 'revenue at least this much, in the store currency (150000, 99.50)', amountOption)
    .option('--sort <sort>', `${customerSorts.join(' | ')} (default: recent, ${recentSortMeaning})`)
    .option('--limit <n>', 'rows per page', (v) => Number(v), 20)
    .option('--offset <n>', 'with --type alone: skip this many customers', nonNegativeInteger('--offset'))
    .option('--cursor <cursor>', 'continue after a previous page')
    .action(async (options: ListOptions) => {
      const query = listQueryOf(options);
      checkType(options.type);
      if (isTypeListing(options)) {
        const offset = options.offset ?? 0;
        const page = await runtime.withStore(({ db }) => listCustomersByType(db, options.type!.trim(), { limit: query.limit, offset }));
        runtime.print(page, (p) => typeListing(p, offset));
        return;
      }
      const page = await runtime.withStore(async ({ db, runtime: { settings } }) => {
        const filtered = options.minSpend === undefined ? query : { ...query, minRevenueMinor: Math.round(options.minSpend * 10 ** minorUnitsOf(settings.currency)) };
        return { ...(await listCustomers(db, filtered)), total: (await countCustomers(db, filtered)).count, currency: settings.currency };
      });
      runtime.print(page, (p) => {
        const rows = p.items.map((c: Record<string, any>) => ({
          id: c.customer_id, name: c.name ?? (c.is_stub ? '(stub)' : ''), email: c.email, city: c.city, status: c.is_real ? 'real' : 'lead', type: c.types?.join('+') ?? '',
          orders: c.order_count, revenue: money(c.revenue_minor), last_purchase: c.last_purchase_at,
        }));
        const shown = `${p.items.length} shown of ${p.total} customer${p.total === 1 ? '' : 's'}`;
        return `${table(rows)}\n${shown}${p.nextCursor ? `\nmore: --cursor ${p.nextCursor}` : ''}`;
      });
    });

  withExamples(customers.command('show')
    .description("a customer's profile, identities, purchase facts, type with its reason, RFM segment, prediction and recent timeline")
    .argument('<customerId>', 'customer id', parseCustomerId), [
    ['clientele customers show 1042'],
    ['clientele customers show 1042 --json'],
  ])
    .action(async (customerId: number) => {
      const { result, timeZone } = await runtime.withStore(async ({ db, runtime: { settings } }) => ({
        result: {
          ...(await getCustomer(db, customerId)),
          types: await currentTypesOf(db, customerId),
          rfm: (await db.selectFrom('customer_rfm_score').select(['r_score', 'f_score', 'm_score', 'segment']).where('customer_id', '=', customerId).executeTakeFirst()) ?? null,
          timeline: (await customerTimeline(db, customerId, { limit: 10, canReadStaffEmails: true })).items,
        },
        timeZone: settings.timeZone,
      }));
      runtime.print(result, (r) => {
        const traits = r.traits;
        const prediction = r.prediction;
        return [
          keyValues({ id: r.customer.customer_id, name: r.customer.name, kind: r.customer.kind, email: r.customer.email, phone: r.customer.phone, city: r.customer.city, stub: r.customer.is_stub, consent: consentText(r.customer) }),
          '', 'identities:', table(r.identities.map((i: Record<string, unknown>) => ({ kind: i.kind, namespace: i.namespace, value: i.value }))),
          '', 'facts:', traits ? keyValues({
            orders: traits.order_count, purchase_days: traits.purchase_days, revenue: money(traits.revenue_minor), refunded: money(traits.refunded_minor),
            first_purchase: traits.first_purchase_at, last_purchase: traits.last_purchase_at, first_interest: traits.first_interest_at,
          }) : '(none)',
          '', 'type:', r.types ? `${r.types.types.join(' + ')} — ${r.types.explanation}` : '(not analysed yet: clientele analyze)',
          '', 'RFM:', r.rfm ? `${r.rfm.segment} (R${r.rfm.r_score} F${r.rfm.f_score} M${r.rfm.m_score})` : '(not scored: a lead, or not analysed since the first purchase)',
          '', 'prediction:', prediction ? keyValues({
            p_alive: prediction.p_alive === null ? notEstimated : Number(prediction.p_alive).toFixed(2), churn_risk: prediction.churn_risk ?? notEstimated, expected_purchases_90d: Number(prediction.expected_purchases_90d).toFixed(2),
            expected_spend_per_order: money(prediction.expected_spend_minor), clv: money(prediction.clv_minor), next_purchase: calendarDay(prediction.next_purchase_day),
          }) : '(none yet: clientele models predict)',
          '', 'recent timeline:', table(r.timeline.map((t: TimelineEntry) => ({ at: t.at, kind: t.kind, title: timelineTitle(t, timeZone) }))),
        ].join('\n');
      });
    });

  registerCustomerWriteCommands(customers, runtime);

  withExamples(customers.command('merge')
    .description('merge the second customer into the first (recorded in the audit log; undo with `customers unmerge`)')
    .argument('<keepCustomerId>', 'customer to keep', parseCustomerId)
    .argument('<mergedCustomerId>', 'customer merged into it (its own number; the merge gets a merge id of its own)', parseCustomerId), [
    ['clientele customers merge 1042 2077', '2077\'s orders, identities and events move to 1042'],
    ['clientele customers unmerge 15', 'merge 15 undone: 2077 comes back with what it brought'],
  ])
    .action(async (keepId: number, otherId: number) => {
      const result = await runtime.withStore(({ db, actor }) => mergeCustomers(db, keepId, otherId, actor));
      runtime.print(result, (r) => `Merged customer #${otherId} into #${keepId} (merge #${r.mergeId}). Undo with: clientele customers unmerge ${r.mergeId}`);
    });

  customers.command('unmerge')
    .description('undo a merge')
    .argument('<mergeId>', 'merge id printed by `customers merge` (not a customer id: `customers show` lists a customer\'s merges)', idOf('a merge id'))
    .action(async (mergeId: number) => {
      const result = await runtime.withStore(({ db, actor }) => undoMerge(db, mergeId, actor).catch((error) => rethrowNamingMerges(db, mergeId, error)));
      runtime.print(result, (r) => `Merge #${r.mergeId} undone: customer #${r.restoredCustomerId} restored from #${r.keptCustomerId} with ${r.ordersMovedBack} orders, ${r.eventsMovedBack} interest events and ${r.giftsMovedBack} gifts.`);
    });
}

/** The customer's current types with the reason a person reads; null before their first analysis. */
async function currentTypesOf(db: Kysely<Database>, customerId: number): Promise<{ types: string[]; primaryType: string; explanation: string } | null> {
  try {
    const { current } = await customerTypeTimeline(db, customerId);
    return current ? { types: current.types, primaryType: current.primaryType, explanation: current.explanation } : null;
  } catch (error) {
    if (error instanceof AppError && error.code === 'ANALYTICS_CUSTOMER_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * A merge id that does not exist but is a customer's number with merges: support staff type the
 * customer they are looking at, so the error names that customer's merge ids to undo instead.
 */
async function rethrowNamingMerges(db: Kysely<Database>, number: number, error: unknown): Promise<never> {
  if (!(error instanceof AppError) || error.code !== 'CUSTOMER_MERGE_NOT_FOUND') throw error;
  const merges = await listMerges(db, number).catch(() => []);
  const undoable = merges.filter((merge) => merge.undone_at === null).map((merge) => Number(merge.merge_id));
  if (undoable.length === 0) throw error;
  const ids = undoable.map((id) => `#${id}`).join(', ');
  throw new AppError('CUSTOMER_MERGE_NOT_FOUND', `${error.message} #${number} is a customer: their merges not undone are ${ids}. Undo one with: clientele customers unmerge ${undoable[0]}`,
    { ...error.details, customerId: number, customerMergeIds: undoable });
}

/** What the customer agreed to be contacted or profiled by: yes, no, or not known (never asked or not imported). */
function consentText(customer: { consent_email: boolean | null; consent_sms: boolean | null; consent_profiling: boolean | null }): string {
  const said = (value: boolean | null) => (value === null ? 'unknown' : value ? 'yes' : 'no');
  return `email ${said(customer.consent_email)}, SMS ${said(customer.consent_sms)}, profiling ${said(customer.consent_profiling)}`;
}
