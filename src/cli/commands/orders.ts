import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import type { CliRuntime } from '../runtime.js';
import { withExamples } from '../examples.js';

// loaded when it runs: the help needs neither the store nor the query builder
const show = () => import('./orders-run.js');

/**
 * An order named by its source and its id there, or by an id alone: the store's order id, or, when
 * the store has no order of that id, the id a source gave it (orders-run.ts says which it read).
 */
export type OrderReference = { source: string; externalId: string } | { id: string };

function parseOrderReference(value: string): OrderReference {
  const text = value.trim();
  const colon = text.indexOf(':');
  // the first colon: an id of the source system may hold colons of its own
  if (colon > 0 && colon < text.length - 1) return { source: text.slice(0, colon), externalId: text.slice(colon + 1) };
  if (text !== '' && colon === -1) return { id: text };
  throw new AppError('CLI_ARGUMENT_INVALID', `"${text.slice(0, 40)}" is not an order id (as a customer's timeline lists it, or as its source gave it) or source:id (e.g. api:W-1001, the source the order was imported under and its id there).`);
}

export function registerOrdersCommand(program: Command, runtime: CliRuntime): void {
  const orders = program.command('orders').description('read orders back with their lines');

  withExamples(orders.command('show')
    .description('an order with its lines and amounts, by its id or by source:id')
    .argument('<order>', 'order id (order_id, the id of an order in a customer\'s timeline with --json), or source:id: the source it was imported under and its id there. '
      + 'An id alone that no store order has is read as the id a source gave an order, the shop\'s order number (--json: read_as); '
      + 'orders sources gave the id of a store order are listed after it (--json: also_from_sources)', parseOrderReference), [
    ['clientele orders show 1042', 'the store\'s order 1042, then any order a source gave the id 1042'],
    ['clientele orders show W-1001', 'the order a source gave this id (several: an error lists each source:id)'],
    ['clientele orders show api:W-1001 --json', 'found by the id the shop gave it'],
  ])
    .action(async (order: OrderReference) => (await show()).runOrdersShow(runtime, order));
}
