import { countCustomers, listCustomers } from '../../customers/customers.queries.js';
import { listCustomersQuerySchema } from '../../customers/customers.schemas.js';
import { consentFilterSchema } from '../../customers/consent-filter.js';
import { consentPurpose } from '../../customers/consent-kinds.js';
// from its own module, not analytics/index.js: the list needs none of the analyses' other modules
import { listCustomersByType } from '../../analytics/types.service.js';
import { rfmSegmentNames } from '../../analytics/rfm-segments.js';
import { findLatestAnalysisDay } from '../../analytics/types.repo.js';
import { AppError, isAppError } from '../../core/errors.js';
import { formatMoney } from '../../core/money.js';
import { storeHasPrices } from '../../analytics/order-prices.repo.js';
import type { CliRuntime } from '../runtime.js';
import { grouped, shellQuoted, table } from '../format.js';
import { clienteleCommand } from '../store-command.js';
import { optionIssueMessage } from '../option-issue.js';
import { noPricesNote, priced } from './unpriced-money.js';
import { storeAmountOf } from './amount-options.js';
import type { ListOptions } from './customers.js';

const optionOfField: Record<string, string> = { q: '--query', rfmSegment: '--segment' };

// the API's query with its consent filter (customers.routes.ts)
const listQuerySchema = listCustomersQuerySchema.extend({ consent: consentFilterSchema });

/** The options checked by the same schema as the API's query, so a wrong value is named before the store is opened. */
function listQueryOf(options: ListOptions) {
  const parsed = listQuerySchema.safeParse({
    q: options.query, status: options.status, channel: options.channel, city: options.city, type: options.type,
    rfmSegment: options.segment, consent: options.consent, sort: options.sort, limit: options.limit, cursor: options.cursor,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? '');
  const option = optionOfField[field] ?? `--${field}`;
  const value = { q: options.query, status: options.status, channel: options.channel, city: options.city, type: options.type, rfmSegment: options.segment, consent: options.consent, sort: options.sort, cursor: options.cursor }[field];
  throw new AppError('CLI_ARGUMENT_INVALID', optionIssueMessage(option, issue, typeof value === 'string' ? value : undefined), { field: option });
}

/**
 * The list's query, or its refusal. --segment takes an RFM segment; a saved segment's name there
 * is refused pointing to its members' command. The API's query says only what RFM segments there
 * are (customers.schemas.ts): this look-up in the store is the CLI's own.
 */
async function checkedListQuery(runtime: CliRuntime, options: ListOptions): Promise<ReturnType<typeof listQueryOf>> {
  try {
    return listQueryOf(options);
  } catch (error) {
    if (!isAppError(error) || error.details.field !== '--segment' || options.segment === undefined) throw error;
    const saved = await savedSegmentNamed(runtime, options.segment.trim()).catch(() => null);
    if (saved === null) throw error;
    throw new AppError('CLI_ARGUMENT_INVALID', `--segment: ${JSON.stringify(options.segment.trim())} is the name of a saved segment, not an RFM segment: `
      + `list its members with ${clienteleCommand(`segments members ${shellQuoted(saved)}`)}. --segment takes an RFM segment: ${rfmSegmentNames.join(', ')}.`, { field: '--segment' });
  }
}

/** The saved segment of this name, in any letter case as a person may type it; its name as stored, or null. */
async function savedSegmentNamed(runtime: CliRuntime, name: string): Promise<string | null> {
  // loaded only for this refusal: the list itself needs nothing of segments
  const { listSegments } = await import('../../segments/index.js');
  const names = (await runtime.withStore(({ db }) => listSegments(db))).map((segment) => segment.name);
  return names.find((saved) => saved === name) ?? names.find((saved) => saved.toLowerCase() === name.toLowerCase()) ?? null;
}

/** The options besides --type that make the list page by cursor, as GET /api/customers does. */
const cursorListOptions = (options: ListOptions) => ([
  ['--query', options.query], ['--status', options.status], ['--channel', options.channel], ['--city', options.city],
  ['--segment', options.segment], ['--consent', options.consent], ['--min-spend', options.minSpend], ['--sort', options.sort], ['--cursor', options.cursor],
] as const).filter(([, value]) => value !== undefined).map(([option]) => option);

/**
 * With --type and no other filter, sort or cursor, the text is that type's customers with their
 * reasons, paged by --offset. JSON is always the list's page, as the API answers it, so a script
 * reads one layout whatever the options.
 */
const isTypeListing = (options: ListOptions, json: boolean) => options.type !== undefined && !json && cursorListOptions(options).length === 0;

/** --offset anywhere else would be ignored: the list pages by cursor there. */
function offsetRefused(options: ListOptions, json: boolean): AppError {
  const others = [...cursorListOptions(options), ...(json ? ['--json'] : [])];
  const why = options.type === undefined ? 'without --type' : `with ${others.join(' and ')}`;
  return new AppError('CLI_ARGUMENT_INVALID', `--offset pages only the listing of one type (--type alone, as text); ${why} the list pages as GET /api/customers does: `
    + 'continue with the --cursor printed under a page (nextCursor in --json).', { field: '--offset' });
}

/**
 * "typed vip as of 2026-06-30, the latest analysis": types are judged on the day `analyze` was run
 * for, which a past --as-of moves back until the next analysis, so a list or export never passes for today's.
 */
const typedAsOf = (type: string, day: string | null) => `typed ${type}${day === null ? '' : ` as of ${day}, the latest analysis`}`;

/** Types come from an analysis: on a store never analysed "no customer is typed vip" is no answer yet. */
const notAnalysedHint = (typesAsOf: string | null) => (typesAsOf === null
  ? `\nNo analysis has run on this store yet, so no customer has a type: run \`${clienteleCommand('analyze')}\` first.` : '');

/** One customer a line: id, types and the one-line reasons, which are never cut short. */
function typeListing(page: Awaited<ReturnType<typeof listCustomersByType>> & { typesAsOf: string | null }, offset: number): string {
  if (page.customers.length === 0) return `(none: no customer is ${typedAsOf(page.type, page.typesAsOf)})${notAnalysedHint(page.typesAsOf)}`;
  const rows = page.customers.map((customer) => [String(customer.customerId), customer.types.join(', '), customer.explanation]);
  const idWidth = Math.max(...rows.map((row) => row[0].length));
  const typesWidth = Math.max(...rows.map((row) => row[1].length));
  const lines = rows.map(([id, types, reasons]) => `${id.padEnd(idWidth)}  ${types.padEnd(typesWidth)}  ${reasons}`);
  const shown = offset + page.customers.length;
  const more = shown < page.total ? `; more: --offset ${shown}` : '';
  return `${lines.join('\n')}\n(${grouped(offset + 1)}–${grouped(shown)} of ${grouped(page.total)} customers ${typedAsOf(page.type, page.typesAsOf)}${more})`;
}

export async function runCustomersList(runtime: CliRuntime, options: ListOptions): Promise<void> {
  const query = await checkedListQuery(runtime, options);
  const json = runtime.isJson();
  if (options.offset !== undefined && !isTypeListing(options, json)) throw offsetRefused(options, json);
  if (isTypeListing(options, json)) {
    const offset = options.offset ?? 0;
    const page = await runtime.withStore(async ({ db }) => ({
      ...(await listCustomersByType(db, query.type!, { limit: query.limit, offset })), typesAsOf: await findLatestAnalysisDay(db),
    }));
    runtime.print(page, (p) => typeListing(p, offset));
    return;
  }
  let minRevenueMinor: number | undefined;
  const page = await runtime.withStore(async ({ db, runtime: { settings } }) => {
    if (options.minSpend !== undefined) minRevenueMinor = storeAmountOf('--min-spend', options.minSpend, settings.currency);
    const filtered = { ...query, minRevenueMinor };
    return {
      ...(await listCustomers(db, filtered)), total: (await countCustomers(db, filtered)).count, currency: settings.currency, hasPrices: await storeHasPrices(db),
      typesAsOf: await findLatestAnalysisDay(db),
    };
  });
  runtime.print(page, (p) => {
    const rows = p.items.map((c: Record<string, any>) => ({
      id: c.customer_id, name: c.name ?? (c.is_stub ? '(stub)' : ''), email: c.email, city: c.city, status: c.is_real ? 'real' : 'lead', type: c.types?.join('+') ?? '',
      orders: c.order_count, revenue: priced(p.hasPrices)(c.revenue_minor), last_purchase: c.last_purchase_at,
    }));
    // "1.500" may be read as 1,500 or 1.5: say which
    const spent = minRevenueMinor === undefined ? '' : ` who spent at least ${formatMoney(minRevenueMinor, p.currency)}`;
    const typed = query.type === undefined ? '' : ` ${typedAsOf(query.type, p.typesAsOf)}`;
    const agreed = query.consent === undefined ? '' : ` who agreed to ${consentPurpose[query.consent]}`;
    const shown = `${grouped(p.items.length)} shown of ${grouped(p.total)} customer${p.total === 1 ? '' : 's'}${agreed}${spent}${typed && `;${typed}`}`;
    const unpriced = p.hasPrices ? '' : `\n${noPricesNote}${options.sort === 'revenue' ? ', so --sort revenue puts them in no order of spending' : ''}`;
    const unanalysed = query.type === undefined ? '' : notAnalysedHint(p.typesAsOf);
    return `${table(rows)}\n${shown}${unpriced}${unanalysed}${p.hint ? `\n${p.hint}` : ''}${p.nextCursor ? `\nmore: --cursor ${p.nextCursor}` : ''}`;
  });
}
