import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStoreFiles, type WriteOptions } from './index.js';

const files = ['customers', 'products', 'orders', 'lines', 'events', 'truth'] as const;
const options: WriteOptions = { seed: 3, customers: 800, targetOrders: 6000, endDate: new Date('2026-05-01T00:00:00+07:00') };

async function hashes(directory: string): Promise<string[]> {
  return Promise.all(files.map(async (name) => createHash('sha256').update(await readFile(join(directory, `${name}.csv`))).digest('hex')));
}

function rowsOf(text: string): Record<string, string>[] {
  return parse(text, { columns: true, skip_empty_lines: true });
}

describe('writeStoreFiles', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'clientele-synthetic-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes the canonical headers exactly', async () => {
    await writeStoreFiles(join(root, 'a'), options);
    const firstLine = async (name: string) => (await readFile(join(root, 'a', `${name}.csv`), 'utf8')).split('\n')[0];
    expect(await firstLine('customers')).toBe('customer_id,name,email,phone,birth_year,gender,city,region,country,income_band,kind,consent_email,consent_sms,consent_profiling,created_at,external_id.loyalty_card,external_id.web_account');
    expect(await firstLine('products')).toBe('sku,name,category,unit_price');
    expect(await firstLine('orders')).toBe('order_id,customer_id,customer_email,customer_phone,ordered_at,amount,currency,channel,status,refunded_amount,discount_amount,promotion_code,recipient_email,location');
    expect(await firstLine('lines')).toBe('order_id,line_no,sku,product_name,category,quantity,unit_price');
    expect(await firstLine('events')).toBe('event_id,customer_id,customer_email,customer_phone,kind,channel,occurred_at,detail');
    expect(await firstLine('truth')).toBe('customer_id,persona,rate,dropout_probability,dropout_day,is_lead,same_as');
  });

  it('writes byte-identical files for the same seed and different files for another', async () => {
    const summary = await writeStoreFiles(join(root, 'b'), options);
    expect(summary.orders).toBe(6000);
    await writeStoreFiles(join(root, 'c'), { ...options, seed: 4 });
    const first = await hashes(join(root, 'a'));
    expect(await hashes(join(root, 'b'))).toEqual(first);
    const other = await hashes(join(root, 'c'));
    expect(other[0]).not.toBe(first[0]);
    expect(other[2]).not.toBe(first[2]);
  });

  it('writes CSV that parses back with totals equal to lines minus discount', async () => {
    const orders = rowsOf(await readFile(join(root, 'a', 'orders.csv'), 'utf8'));
    const lines = rowsOf(await readFile(join(root, 'a', 'lines.csv'), 'utf8'));
    const products = rowsOf(await readFile(join(root, 'a', 'products.csv'), 'utf8'));
    expect(orders).toHaveLength(6000);
    expect(products.length).toBeGreaterThanOrEqual(40);
    expect(products.some((product) => product.name.includes(','))).toBe(true);
    const subtotals = new Map<string, number>();
    for (const line of lines) subtotals.set(line.order_id, (subtotals.get(line.order_id) ?? 0) + Number(line.quantity) * Number(line.unit_price));
    for (const order of orders) {
      expect(Number(order.amount)).toBe(subtotals.get(order.order_id)! - Number(order.discount_amount));
      expect(order.currency).toBe('IDR');
      expect(order.ordered_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    }
  });

  it('reports progress and the people it wrote', async () => {
    const seen: number[] = [];
    const summary = await writeStoreFiles(join(root, 'd'), { ...options, includeTruth: false }, (progress) => seen.push(progress.people));
    expect(seen.at(-1)).toBe(800);
    expect(summary.files.truth).toBeUndefined();
    expect(rowsOf(await readFile(join(root, 'd', 'customers.csv'), 'utf8')).length).toBe(summary.customers);
  });
});

describe('writeStoreFiles with worker threads', () => {
  it('writes the same bytes as a single thread', async () => {
    const root = await mkdtemp(join(tmpdir(), 'clientele-synthetic-workers-'));
    try {
      const larger: WriteOptions = { ...options, customers: 2500, targetOrders: 12_000 };
      await writeStoreFiles(join(root, 'one'), larger);
      const summary = await writeStoreFiles(join(root, 'two'), { ...larger, workers: 2 });
      expect(summary.orders).toBe(12_000);
      expect(await hashes(join(root, 'two'))).toEqual(await hashes(join(root, 'one')));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
