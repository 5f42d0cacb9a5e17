import type { Command } from 'commander';
import { getCustomer, listCustomers, customerSorts } from '../../customers/customers.queries.js';
import { listCustomersQuerySchema } from '../../customers/customers.schemas.js';
import { mergeCustomers, undoMerge } from '../../customers/merge.service.js';
import { customerTimeline } from '../../customers/timeline.js';
import { fromMinorUnits } from '../../core/money.js';
import { AppError } from '../../core/errors.js';
import type { CliRuntime } from '../runtime.js';
import { keyValues, table } from '../format.js';

const positiveId = (value: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new AppError('CLI_ARGUMENT_INVALID', `"${value}" is not a customer id (a positive whole number).`);
  return id;
};

const optionOfField: Record<string, string> = { q: '--query', rfmSegment: '--segment' };

/** The options checked by the same schema as the API's query, so a wrong value is named before the store is opened. */
function listQueryOf(options: { query?: string; status?: string; channel?: string; city?: string; type?: string; segment?: string; sort: string; limit: number; cursor?: string }) {
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

export function registerCustomersCommand(program: Command, runtime: CliRuntime): void {
  const customers = program.command('customers').description('list, show and merge customers');

  customers.command('list')
    .description('list customers, newest first, with search and filters')
    .option('-q, --query <text>', 'name prefix, email, phone or external id')
    .option('--status <status>', 'real | lead')
    .option('--channel <channel>', 'store | web | mobile | marketplace | phone | other')
    .option('--city <city>')
    .option('--type <type>', 'customer type from the last `clientele analyze`: new, occasional, regular, loyal, vip, at_risk, lapsed, …')
    .option('--segment <name>', 'RFM segment, e.g. Champions')
    .option('--sort <sort>', customerSorts.join(' | '), 'recent')
    .option('--limit <n>', 'rows per page', (v) => Number(v), 20)
    .option('--cursor <cursor>', 'continue after a previous page')
    .action(async (options: { query?: string; status?: string; channel?: string; city?: string; type?: string; segment?: string; sort: string; limit: number; cursor?: string }) => {
      const query = listQueryOf(options);
      const page = await runtime.withStore(async ({ db, runtime: { settings } }) => ({
        ...(await listCustomers(db, query)),
        currency: settings.currency,
      }));
      runtime.print(page, (p) => {
        const rows = p.items.map((c: Record<string, any>) => ({
          id: c.customer_id, name: c.name ?? (c.is_stub ? '(stub)' : ''), email: c.email, city: c.city, status: c.is_real ? 'real' : 'lead', type: c.types?.join('+') ?? '',
          orders: c.order_count, revenue: fromMinorUnits(Number(c.revenue_minor), p.currency).toLocaleString('en'), last_purchase: c.last_purchase_at,
        }));
        return `${table(rows)}${p.nextCursor ? `\nmore: --cursor ${p.nextCursor}` : ''}`;
      });
    });

  customers.command('show')
    .description("a customer's profile, identities, purchase facts and recent timeline")
    .argument('<customerId>', 'customer id', positiveId)
    .action(async (customerId: number) => {
      const result = await runtime.withStore(async ({ db }) => ({ ...(await getCustomer(db, customerId)), timeline: (await customerTimeline(db, customerId, { limit: 10 })).items }));
      runtime.print(result, (r) => [
        keyValues({ id: r.customer.customer_id, name: r.customer.name, kind: r.customer.kind, email: r.customer.email, phone: r.customer.phone, city: r.customer.city, stub: r.customer.is_stub }),
        '', 'identities:', table(r.identities.map((i: Record<string, unknown>) => ({ kind: i.kind, namespace: i.namespace, value: i.value }))),
        '', 'facts:', r.traits ? keyValues({ orders: r.traits.order_count, purchase_days: r.traits.purchase_days, revenue_minor: r.traits.revenue_minor, first_purchase: r.traits.first_purchase_at, last_purchase: r.traits.last_purchase_at, first_interest: r.traits.first_interest_at }) : '(none)',
        '', 'recent timeline:', table(r.timeline.map((t: Record<string, unknown>) => ({ at: t.at, kind: t.kind, title: t.title }))),
      ].join('\n'));
    });

  customers.command('merge')
    .description('merge the second customer into the first (recorded in the audit log; undo with `customers unmerge`)')
    .argument('<keepId>', 'customer to keep', positiveId)
    .argument('<mergeId>', 'customer merged into it', positiveId)
    .action(async (keepId: number, otherId: number) => {
      const result = await runtime.withStore(({ db, actor }) => mergeCustomers(db, keepId, otherId, actor));
      runtime.print(result, (r) => `Merged customer #${otherId} into #${keepId} (merge #${r.mergeId}). Undo with: clientele customers unmerge ${r.mergeId}`);
    });

  customers.command('unmerge')
    .description('undo a merge')
    .argument('<mergeId>', 'merge id printed by `customers merge`', positiveId)
    .action(async (mergeId: number) => {
      await runtime.withStore(({ db, actor }) => undoMerge(db, mergeId, actor));
      runtime.print({ undone: mergeId }, () => `Merge #${mergeId} undone.`);
    });
}
