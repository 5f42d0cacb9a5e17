import { describe, expect, it } from 'vitest';
import type { IngestEntity } from '../../api/types.js';
import { likelierEntity } from './entity-hint.js';
import { suggestMapping } from './import-mapping.js';

const hintFor = (entity: IngestEntity, headers: string[], row: string[] = []) => {
  const rows = row.length > 0 ? [Object.fromEntries(headers.map((header, index) => [header, row[index]]))] : [];
  return likelierEntity(entity, headers, rows, suggestMapping(entity, headers, rows));
};

describe('the kind of data a file looks like', () => {
  it('sees orders in a file chosen as customers, naming the columns customers do not read', () => {
    expect(hintFor('customers', ['order_id', 'customer_id', 'ordered_at', 'amount'])).toEqual({ entity: 'orders', columns: ['order_id', 'ordered_at', 'amount'] });
    // under common other names too, as the importer guesses them
    expect(hintFor('customers', ['Order ID', 'Customer', 'Date', 'Total'], ['A-1', 'C1', '2024-03-05', '90000'])).toEqual({ entity: 'orders', columns: ['Order ID', 'Date', 'Total'] });
  });

  it('prefers orders over order lines when the file holds both kinds of column', () => {
    expect(hintFor('customers', ['order_id', 'customer_id', 'ordered_at', 'sku', 'quantity', 'unit_price'])?.entity).toBe('orders');
  });

  it('sees events and products', () => {
    expect(hintFor('customers', ['customer_id', 'event_type', 'occurred_at'])).toEqual({ entity: 'events', columns: ['event_type', 'occurred_at'] });
    expect(hintFor('customers', ['sku', 'name', 'category', 'unit_price'])).toEqual({ entity: 'products', columns: ['sku', 'category', 'unit_price'] });
  });

  it('says nothing of a file that fits the chosen data', () => {
    expect(hintFor('customers', ['customer_id', 'name', 'email', 'city', 'created_at'])).toBeNull();
    expect(hintFor('orders', ['order_id', 'customer_id', 'ordered_at', 'amount'])).toBeNull();
    expect(hintFor('orders', ['order_id', 'customer_email', 'ordered_at', 'sku', 'product_name', 'quantity', 'unit_price', 'note'])).toBeNull();
    expect(hintFor('events', ['customer_id', 'event_type', 'occurred_at'])).toBeNull();
  });
});
