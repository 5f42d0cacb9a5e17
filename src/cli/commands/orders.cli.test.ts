import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { suggestedCommand } from '../../../test/helpers/suggested-command.js';
import { fixedClock } from '../../core/clock.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';
import { orderReferenceWord } from '../../orders/index.js';

it('writes source:id as one shell word, quoted when a shell would read it otherwise', () => {
  expect(orderReferenceWord('web', 'W-1001')).toBe('web:W-1001');
  expect(orderReferenceWord('shop', 'A#1')).toBe('shop:A#1');
  // at a word's start # opens a comment
  expect(orderReferenceWord('#shop', '1')).toBe('"#shop:1"');
  expect(orderReferenceWord('web', 'a b')).toBe('"web:a b"');
  expect(orderReferenceWord('web', "it's")).toBe(`'web:it'\\''s'`);
});

describeEachCliStore('clientele orders show', (context) => {
  const clock = fixedClock('2024-06-21T00:00:00Z');
  const ingestOrders = (source: string, ids: string[]) => context.withStore(async (store) => {
    const records = ids.map((id) => ({ order_id: id, customer_email: `${source}@example.com`, ordered_at: '2024-06-20T10:00:00+07:00', channel: 'web', amount: '1000' }));
    expect((await ingestRecords(store.db, 'orders', records, { actor: 'test', clock, source })).rejected).toBe(0);
  });

  it('shows an ingested order with its lines, by its id or by source:id, and says how to find one it does not know', async () => {
    await context.withStore(async (store) => {
      await ingestRecords(store.db, 'orders', [{ order_id: 'W-1', customer_email: 'ayu@example.com', ordered_at: '2024-06-20T10:00:00+07:00', channel: 'web', amount: '57000' }], { actor: 'test', clock });
      await ingestRecords(store.db, 'lines', [
        { order_id: 'W-1', line_no: '1', sku: 'KOPI-1', product_name: 'Kopi susu', category: 'coffee', quantity: '2', unit_price: '12000' },
        { order_id: 'W-1', line_no: '2', sku: 'ROTI-1', product_name: 'Roti bakar', category: 'bakery', quantity: '1', unit_price: '33000' },
      ], { actor: 'test', clock });
    });
    const json = await runCliInProcess(context.db, ['--json', 'orders', 'show', 'api:W-1']);
    expect(json.exitCode, json.stderr).toBe(0);
    const order = JSON.parse(json.stdout);
    expect(order).toMatchObject({ source: 'api', external_id: 'W-1', channel: 'web', lines: [{ line_no: 1, sku: 'KOPI-1', quantity: 2 }, { line_no: 2, sku: 'ROTI-1' }] });
    expect(order).not.toHaveProperty('read_as');

    const text = await runCliInProcess(context.db, ['orders', 'show', String(order.order_id)]);
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^id\s+\d+$/m);
    expect(text.stdout).toMatch(/^external_id\s+W-1$/m);
    expect(text.stdout).toMatch(/^ordered_at\s+2024-06-20 10:00 \(Asia\/Jakarta\)$/m);
    expect(text.stdout).toMatch(/^2\s+ROTI-1\s+Roti bakar\s+bakery\s+1\s+Rp/m);
    expect(text.stdout).not.toContain('Also order');

    const badArgument = await runCliInProcess(context.db, ['orders', 'show', 'api:']);
    expect(badArgument.exitCode).toBe(1);
    expect(badArgument.error).toMatchObject({ code: 'CLI_ARGUMENT_INVALID' });
    expect(badArgument.stderr).toContain('source:id (e.g. api:W-1001');
  }, 180_000);

  it('reads an id alone that no store order has as the id the one source that has it gave an order, and says so', async () => {
    await ingestOrders('web', ['1001', 'web-only']);
    const json = await runCliInProcess(context.db, ['--json', 'orders', 'show', '1001']);
    expect(json.exitCode, json.stderr).toBe(0);
    const order = JSON.parse(json.stdout);
    expect(order).toMatchObject({ source: 'web', external_id: '1001', read_as: 'web:1001', lines: [] });
    expect(order.order_id).not.toBe(1001);
    expect(order).not.toHaveProperty('also_from_sources');

    const text = await runCliInProcess(context.db, ['orders', 'show', '1001']);
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout.split('\n')[0]).toBe('Read as web:1001 (order 1001 from source web): no store order has the id 1001, and no other source gave an order that id.');
    expect(text.stdout).toMatch(/^source\s+web$/m);
    // an id that is no number is read the same way
    const word = await runCliInProcess(context.db, ['--json', 'orders', 'show', 'web-only']);
    expect(word.exitCode, word.stderr).toBe(0);
    expect(JSON.parse(word.stdout)).toMatchObject({ source: 'web', external_id: 'web-only', read_as: 'web:web-only' });
  }, 180_000);

  it('shows the store\'s order of a numeric id, and names the orders sources gave that id too', async () => {
    const storeOrder = await context.withStore((store) => store.db.selectFrom('customer_order').select(['order_id', 'external_id']).where('source', '=', 'api').where('external_id', '=', 'W-1').executeTakeFirstOrThrow());
    const id = String(storeOrder.order_id);
    await ingestOrders('web', [id]);
    await ingestOrders('shop', [id]);
    const sourceOrders = await context.withStore((store) => store.db.selectFrom('customer_order').select(['source', 'external_id', 'order_id']).where('external_id', '=', id).orderBy('source').execute());
    expect(sourceOrders.map((row) => row.source)).toEqual(['shop', 'web']);

    const json = await runCliInProcess(context.db, ['--json', 'orders', 'show', id]);
    expect(json.exitCode, json.stderr).toBe(0);
    const order = JSON.parse(json.stdout);
    expect(order).toMatchObject({ order_id: storeOrder.order_id, source: 'api', external_id: 'W-1' });
    expect(order.also_from_sources).toEqual(sourceOrders.map((row) => ({ source: row.source, external_id: id, order_id: Number(row.order_id) })));
    expect(order).not.toHaveProperty('read_as');

    const text = await runCliInProcess(context.db, ['orders', 'show', id]);
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^external_id\s+W-1$/m);
    const [shop, web] = sourceOrders;
    expect(text.stdout.trimEnd().split('\n').slice(-2)).toEqual([
      `Also order ${id} from source shop (store order #${shop!.order_id}): ${suggestedCommand(context.db, `orders show shop:${id}`)}`,
      `Also order ${id} from source web (store order #${web!.order_id}): ${suggestedCommand(context.db, `orders show web:${id}`)}`,
    ]);
    // the source's order itself, by source:id, as the hint says
    const named = await runCliInProcess(context.db, ['--json', 'orders', 'show', `web:${id}`]);
    expect(JSON.parse(named.stdout)).toMatchObject({ order_id: Number(web!.order_id), source: 'web', external_id: id });
  }, 180_000);

  it('refuses an id alone that several sources gave an order, listing the source:id of each', async () => {
    await ingestOrders('web', ['2001']);
    await ingestOrders('shop', ['2001']);
    const matches = await context.withStore((store) => store.db.selectFrom('customer_order').select(['source', 'order_id']).where('external_id', '=', '2001').orderBy('source').execute());
    const result = await runCliInProcess(context.db, ['orders', 'show', '2001']);
    // as the other lookups that could mean several (CUSTOMER_LOOKUP_AMBIGUOUS): fix the command (exit-codes.ts)
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.error).toMatchObject({
      code: 'ORDER_LOOKUP_AMBIGUOUS',
      details: { field: 'order', matches: matches.map((row) => ({ source: row.source, external_id: '2001', order_id: Number(row.order_id) })) },
    });
    expect(result.stderr).toContain(`The store has no order #2001, and several sources gave an order the id "2001": shop:2001 (store order #${matches[0]!.order_id}), web:2001 (store order #${matches[1]!.order_id}). Give the one meant as source:id, e.g. ${suggestedCommand(context.db, 'orders show shop:2001')}.`);
    const json = await runCliInProcess(context.db, ['--json', 'orders', 'show', '2001']);
    expect(json.exitCode).toBe(1);
    expect(json.error).toMatchObject({ code: 'ORDER_LOOKUP_AMBIGUOUS' });
  }, 180_000);

  it('answers ORDER_NOT_FOUND naming both readings it tried and the source:id form', async () => {
    const missing = await runCliInProcess(context.db, ['orders', 'show', '999999']);
    // not found: the same command gets the same answer (exit-codes.ts)
    expect(missing.exitCode).toBe(1);
    expect(missing.error).toMatchObject({ code: 'ORDER_NOT_FOUND', details: { field: 'order', sources: ['api', 'shop', 'web'] } });
    expect(missing.stderr).toContain('Order #999999 does not exist (or its customer was deleted), and no source gave an order the id "999999" (matched exactly, letter case and spaces included). '
      + 'To name the source, give source:id, e.g. api:999999 or shop:999999 or web:999999 (this store\'s orders came from api, shop, web).');
    const word = await runCliInProcess(context.db, ['orders', 'show', 'w-1']);
    expect(word.exitCode).toBe(1);
    expect(word.error).toMatchObject({ code: 'ORDER_NOT_FOUND' });
    expect(word.stderr).toContain('"w-1" is not an order id of the store (a whole number without leading zeros, as a customer\'s timeline lists it), and no source gave an order the id "w-1"');
  }, 180_000);

  it('reads an id with leading zeros as an id a source gave, never as the store\'s order of that number', async () => {
    await ingestOrders('till', ['0001']);
    const result = await runCliInProcess(context.db, ['--json', 'orders', 'show', '0001']);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ source: 'till', external_id: '0001', read_as: 'till:0001' });
    const missing = await runCliInProcess(context.db, ['orders', 'show', '0002']);
    expect(missing.error).toMatchObject({ code: 'ORDER_NOT_FOUND' });
    expect(missing.stderr).toContain('"0002" is not an order id of the store');
  }, 180_000);
});
