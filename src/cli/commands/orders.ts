import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import type { CliRuntime } from '../runtime.js';
import { idOf } from '../option-values.js';
import { withExamples } from '../examples.js';

// loaded when it runs: the help needs neither the store nor the query builder
const show = () => import('./orders-run.js');

/** An order named by its id in the store, or by its source and its id there. */
export type OrderReference = number | { source: string; externalId: string };

const parseOrderId = idOf('an order id');

function parseOrderReference(value: string): OrderReference {
  const text = value.trim();
  const colon = text.indexOf(':');
  // the first colon: an id of the source system may hold colons of its own
  if (colon > 0 && colon < text.length - 1) return { source: text.slice(0, colon), externalId: text.slice(colon + 1) };
  if (/^\d+$/.test(text)) return parseOrderId(text);
  throw new AppError('CLI_ARGUMENT_INVALID', `"${text.slice(0, 40)}" is not an order id (a positive whole number, as a customer's timeline lists it) or source:id (e.g. api:${text.slice(0, 40) || 'W-1001'}, the source the order was imported under and its id there).`);
}

export function registerOrdersCommand(program: Command, runtime: CliRuntime): void {
  const orders = program.command('orders').description('read orders back with their lines');

  withExamples(orders.command('show')
    .description('an order with its lines and amounts, by its id or by source:id')
    .argument('<order>', 'order id (order_id, the id of an order in a customer\'s timeline with --json), or source:id: the source it was imported under and its id there', parseOrderReference), [
    ['clientele orders show 1042'],
    ['clientele orders show api:W-1001 --json', 'found by the id the shop gave it'],
  ])
    .action(async (order: OrderReference) => (await show()).runOrdersShow(runtime, order));
}
