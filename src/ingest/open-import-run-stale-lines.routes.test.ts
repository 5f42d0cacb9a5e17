import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { createSegment } from '../segments/index.js';

// amounts in rupiah, the test store's currency, which has no minor units
const clock = fixedClock('2025-01-01T00:00:00Z');

// A basket's rows spread over a file sent through the API in batches of one run (the web app's import):
// each batch removed the stored lines it did not restate, so the next batch inserted them again (a
// re-import counted the basket updated) and a run stopped between the two left it without lines. An
// open run now leaves them until it completes, as a file import does (write-order-lines.ts).
describeEachStore('an order\'s lines sent again over several batches of an open run', (context) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    headers = (await createTestApiKey(context.store, ['ingest'], 'stale-lines')).headers;
  });
  afterAll(async () => app?.close());

  const db = () => context.store.db;
  const row = (order: string, sku: string, price: string, category: string) =>
    ({ order_id: order, customer_id: `${order}-C`, ordered_at: '2024-06-01T10:00:00Z', sku, quantity: '1', unit_price: price, category });
  const basket = (order: string) => [row(order, 'A', '10', 'Bread'), row(order, 'B', '20', 'Milk'), row(order, 'C', '30', 'Fruit'), row(order, 'D', '40', 'Toys')];

  const openRun = async () => {
    const opened = await app.inject({ method: 'POST', url: '/api/imports', headers, payload: { entity: 'orders', fileName: 'baskets.csv' } });
    expect(opened.statusCode).toBe(201);
    return opened.json().import_id as number;
  };
  const send = async (importId: number, records: ReturnType<typeof row>[], firstLine: number) => {
    const response = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload: {
      importId, records, lines: records.map((_, index) => firstLine + index),
    } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const close = async (importId: number, status: 'completed' | 'failed') => {
    const response = await app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers, payload: { status } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const stored = async (order: string) => (await sql<{ lines: string | null; amount: string; revenue: string; categories: string | null }>`
    select (select string_agg(l.sku, ' ' order by l.line_no) from order_line l where l.customer_id = o.customer_id and l.order_id = o.order_id) as lines,
      o.amount_minor::text as amount, t.revenue_minor::text as revenue,
      (select string_agg(c.category, ' ' order by c.category) from customer_category c where c.customer_id = o.customer_id) as categories
    from customer_order o join customer_trait t using (customer_id) where o.external_id = ${order}`.execute(db())).rows[0];
  const deferredOf = async (importId: number) =>
    (await sql<{ n: number }>`select count(*)::int as n from import_deferred_order where import_id = ${importId}::bigint`.execute(db())).rows[0].n;

  it('keeps lines a batch does not restate until the run completes, then removes those no batch restated', async () => {
    const first = await openRun();
    await send(first, basket('SL-1'), 2);
    await close(first, 'completed');
    expect(await stored('SL-1')).toEqual({ lines: 'A B C D', amount: '100', revenue: '100', categories: 'Bread Fruit Milk Toys' });
    const segment = await createSegment(db(), { name: 'spent 100 or more', filter: { field: 'revenue_minor', op: 'gte', value: 100 } }, { actor: 'test', clock });
    const isMember = async () => (await sql<{ n: number }>`
      select count(*)::int as n from segment_member m join customer_order o using (customer_id)
      where m.segment_id = ${segment.segment.segment_id}::bigint and o.external_id = 'SL-1'`.execute(db())).rows[0].n === 1;
    expect(await isMember()).toBe(true);

    // the file again without its last line, the basket's rows in two batches
    const again = await openRun();
    const [a, b, c] = basket('SL-1');
    expect(await send(again, [a, b], 2)).toMatchObject({ unchanged: 2, updated: 0 });
    expect(await stored('SL-1')).toMatchObject({ lines: 'A B C D', amount: '100' });
    expect(await deferredOf(again)).toBe(1);
    expect(await send(again, [c], 4)).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await stored('SL-1')).toMatchObject({ lines: 'A B C D' });

    const closed = await close(again, 'completed');
    expect(await stored('SL-1')).toEqual({ lines: 'A B C', amount: '60', revenue: '60', categories: 'Bread Fruit Milk' });
    expect(await isMember()).toBe(false);
    expect(await deferredOf(again)).toBe(0);
    // the order its first batch counted unchanged lost a line: updated, with its first row
    expect(closed).toMatchObject({ status: 'completed', read_count: 3, updated_count: 1, unchanged_count: 2, order_updated_count: 1, order_unchanged_count: 0 });

    // the same file a third time: the order is as stored, unchanged
    const third = await openRun();
    await send(third, [a, b], 2);
    await send(third, [c], 4);
    expect(await close(third, 'completed')).toMatchObject({ read_count: 3, updated_count: 0, unchanged_count: 3, order_updated_count: 0, order_unchanged_count: 1 });
    expect(await stored('SL-1')).toEqual({ lines: 'A B C', amount: '60', revenue: '60', categories: 'Bread Fruit Milk' });
  });

  it('leaves the stored lines of a run closed as failed, and forgets what it deferred', async () => {
    const first = await openRun();
    await send(first, basket('SL-2'), 2);
    await close(first, 'completed');

    const cancelled = await openRun();
    await send(cancelled, basket('SL-2').slice(0, 2), 2);
    expect(await deferredOf(cancelled)).toBe(1);
    expect(await close(cancelled, 'failed')).toMatchObject({ status: 'failed', updated_count: 0, unchanged_count: 2 });
    expect(await stored('SL-2')).toEqual({ lines: 'A B C D', amount: '100', revenue: '100', categories: 'Bread Fruit Milk Toys' });
    expect(await deferredOf(cancelled)).toBe(0);
  });

  it('leaves the stored lines of a run abandoned unclosed, whose deferred orders the next import forgets', async () => {
    const first = await openRun();
    await send(first, basket('SL-3'), 2);
    await close(first, 'completed');

    const abandoned = await openRun();
    await send(abandoned, basket('SL-3').slice(0, 1), 2);
    expect(await deferredOf(abandoned)).toBe(1);
    await sql`update import_run set heartbeat_at = now() - interval '11 minutes' where import_id = ${abandoned}::bigint`.execute(db());
    await openRun();
    expect(await deferredOf(abandoned)).toBe(0);
    expect(await stored('SL-3')).toEqual({ lines: 'A B C D', amount: '100', revenue: '100', categories: 'Bread Fruit Milk Toys' });
  });
});
