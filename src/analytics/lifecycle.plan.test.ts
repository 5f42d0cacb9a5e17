import { RawNode, type KyselyPlugin } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { readLifecycleCounts } from './lifecycle.repo.js';

/** Asks for the plan of the report's statement instead of running it: its rows are then the plan's lines. */
const explained: KyselyPlugin = {
  transformQuery: ({ node }) => (RawNode.is(node) && node.sqlFragments[0]!.includes('with acquired') ? { ...node, sqlFragments: [`explain ${node.sqlFragments[0]}`, ...node.sqlFragments.slice(1)] } : node),
  transformResult: async ({ result }) => result,
};

/**
 * Planned without statistics (a store just loaded, before any ANALYZE), the lifecycle report joined
 * every customer to all customers' purchase days grouped by customer as a nested loop, re-reading
 * the grouped set for each customer: over 120 s at 313k customers. It reads the whole store: no nested
 * loop, whatever the planner guesses.
 */
describeEachStore('the lifecycle report, planned without statistics', (context) => {
  beforeAll(async () => {
    const orders = Array.from({ length: 1500 }, (_, index) => ({
      order_id: `L${index}`, customer_email: `plan.${index % 600}@example.com`, ordered_at: `2024-0${1 + (index % 9)}-1${index % 10}T10:00:00Z`, channel: 'web', amount: '1000',
    }));
    await ingestRecords(context.store.db, 'orders', orders, { actor: 'test', clock: fixedClock('2024-12-01T00:00:00Z') });
  }, 120_000);

  it('reads no customer\'s purchase days more than once', async () => {
    const plan = (await readLifecycleCounts(context.store.db.withPlugin(explained), '2024-12-01', new Date('2024-12-01T00:00:00Z'), 'UTC', 90))
      .map((row) => (row as unknown as Record<string, string>)['QUERY PLAN']).join('\n');
    expect(plan).toContain('customer_purchase_day');
    // the grouped purchase days kept (Materialize) and scanned again for every customer of the loop around them
    expect(plan).not.toMatch(/Nested Loop|Materialize/);
  });
});
