import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

const clock = fixedClock('2025-01-01T00:00:00Z');

// A lines file sent through the API in batches of one run (the web app's import of a lines file):
// the batch holding an order's first rows removed its other stored lines at once, so a run stopped
// before the rest left the order without them, and a complete one counted them inserted again. A
// lines run now leaves them until it completes, as an orders run does (write/stale-lines.ts).
describeEachStore('an order\'s lines sent again over several batches of an open lines run', (context) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    headers = (await createTestApiKey(context.store, ['ingest'], 'lines-deferred')).headers;
  });
  afterAll(async () => app?.close());

  const db = () => context.store.db;
  const line = (order: string, sku: string, category: string) => ({ order_id: order, sku, quantity: '1', unit_price: '10', category });
  const basket = (order: string) => [line(order, 'A', 'Bread'), line(order, 'B', 'Milk'), line(order, 'C', 'Fruit'), line(order, 'D', 'Toys')];

  const ingest = async (entity: 'orders' | 'lines', records: object[], run?: { importId: number; firstLine: number }) => {
    const response = await app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers, payload: {
      records, ...(run ? { importId: run.importId, lines: records.map((_, index) => run.firstLine + index) } : {}),
    } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const openRun = async () => {
    const opened = await app.inject({ method: 'POST', url: '/api/imports', headers, payload: { entity: 'lines', fileName: 'lines.csv' } });
    expect(opened.statusCode, opened.body).toBe(201);
    return opened.json().import_id as number;
  };
  const close = async (importId: number, status: 'completed' | 'failed') => {
    const response = await app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers, payload: { status } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const stored = async (order: string) => (await sql<{ lines: string | null; categories: string | null }>`
    select (select string_agg(l.sku, ' ' order by l.line_no) from order_line l where l.customer_id = o.customer_id and l.order_id = o.order_id) as lines,
      (select string_agg(c.category, ' ' order by c.category) from customer_category c where c.customer_id = o.customer_id) as categories
    from customer_order o where o.external_id = ${order}`.execute(db())).rows[0];
  const deferredOf = async (importId: number) =>
    (await sql<{ n: number }>`select count(*)::int as n from import_deferred_order where import_id = ${importId}::bigint`.execute(db())).rows[0].n;
  /** The order, and its four lines sent whole in a run of their own. */
  const storeBasket = async (order: string) => {
    await ingest('orders', [{ order_id: order, customer_id: `${order}-C`, ordered_at: '2024-06-01T10:00:00Z', amount: '40' }]);
    const first = await openRun();
    await ingest('lines', basket(order), { importId: first, firstLine: 2 });
    await close(first, 'completed');
    expect(await stored(order)).toEqual({ lines: 'A B C D', categories: 'Bread Fruit Milk Toys' });
  };

  it('keeps lines a batch does not restate until the run completes, then removes those no batch restated', async () => {
    await storeBasket('LD-1');
    const [a, b, c] = basket('LD-1');

    // the same lines again in two batches: nothing changes, and nothing is counted as changed
    const same = await openRun();
    expect(await ingest('lines', [a, b], { importId: same, firstLine: 2 })).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, orders: { updated: 0, unchanged: 1 } });
    expect(await stored('LD-1')).toMatchObject({ lines: 'A B C D' });
    expect(await deferredOf(same)).toBe(1);
    expect(await ingest('lines', basket('LD-1').slice(2), { importId: same, firstLine: 4 })).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await close(same, 'completed')).toMatchObject({ status: 'completed', updated_count: 0, unchanged_count: 4, order_updated_count: 0, order_unchanged_count: 1 });
    expect(await stored('LD-1')).toEqual({ lines: 'A B C D', categories: 'Bread Fruit Milk Toys' });

    // the file without its last line: kept until the close, which removes it and counts the order updated, with its first row
    const dropped = await openRun();
    expect(await ingest('lines', [a, b], { importId: dropped, firstLine: 2 })).toMatchObject({ unchanged: 2, updated: 0 });
    expect(await ingest('lines', [c], { importId: dropped, firstLine: 4 })).toMatchObject({ unchanged: 1, updated: 0 });
    expect(await stored('LD-1')).toMatchObject({ lines: 'A B C D' });
    const closed = await close(dropped, 'completed');
    expect(closed).toMatchObject({ status: 'completed', read_count: 3, updated_count: 1, unchanged_count: 2, order_updated_count: 1, order_unchanged_count: 0 });
    expect(await stored('LD-1')).toEqual({ lines: 'A B C', categories: 'Bread Fruit Milk' });
    expect(await deferredOf(dropped)).toBe(0);
  });

  it('leaves the stored lines of a lines run closed as failed, and forgets what it deferred', async () => {
    await storeBasket('LD-2');
    const cancelled = await openRun();
    await ingest('lines', basket('LD-2').slice(0, 2), { importId: cancelled, firstLine: 2 });
    expect(await deferredOf(cancelled)).toBe(1);
    expect(await close(cancelled, 'failed')).toMatchObject({ status: 'failed', updated_count: 0, unchanged_count: 2 });
    expect(await stored('LD-2')).toEqual({ lines: 'A B C D', categories: 'Bread Fruit Milk Toys' });
    expect(await deferredOf(cancelled)).toBe(0);
  });
});
