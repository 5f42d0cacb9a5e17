import { describe, expect, it } from 'vitest';
import type { ImportEntity } from '../canonical.js';
import { entityOfRefusedFile, likelierEntity } from './likelier-entity.js';

describe('the entity a file its chosen entity refused is clearly one of', () => {
  const of = (entity: ImportEntity, headers: string[]) => entityOfRefusedFile(entity, headers)?.entity ?? null;

  it('sees customers in a customers file imported as orders or products', () => {
    expect(entityOfRefusedFile('orders', ['customer_id', 'email', 'name'])).toEqual({ entity: 'customers', columns: ['customer_id', 'email', 'name'] });
    expect(of('products', ['customer_id', 'email', 'name'])).toBe('customers');
  });

  it('sees orders, order lines, products and events in their files imported as another entity', () => {
    expect(of('lines', ['order_id', 'customer_id', 'ordered_at', 'amount'])).toBe('orders');
    expect(of('events', ['order_id', 'customer_id', 'ordered_at', 'amount'])).toBe('orders');
    expect(of('orders', ['order_id', 'sku', 'quantity', 'unit_price'])).toBe('lines');
    expect(of('orders', ['sku', 'name', 'category', 'unit_price'])).toBe('products');
    expect(of('orders', ['customer_id', 'event_type', 'occurred_at'])).toBe('events');
  });

  it('says nothing of a file of the chosen entity lacking a column, nor of one no entity reads', () => {
    // an orders file without its amount holds customer columns, but also columns customers have no place for
    expect(of('orders', ['order_id', 'customer_id', 'ordered_at', 'email'])).toBeNull();
    expect(of('orders', ['Order ID', 'Customer', 'Date'])).toBeNull();
    expect(of('customers', ['order_id', 'ordered_at', 'amount'])).toBeNull();
    expect(of('orders', ['a', 'b'])).toBeNull();
  });

  it('counts a column mapped with --map as one the chosen entity reads', () => {
    expect(of('products', ['customer_id', 'email', 'Kode'])).toBe('customers');
    expect(entityOfRefusedFile('products', ['customer_id', 'email', 'Kode'], { sku: 'Kode' })).toBeNull();
  });
});

describe('the decision itself', () => {
  const guesses: Partial<Record<ImportEntity, Record<string, string>>> = { orders: { order_id: 'A', customer_id: 'B', ordered_at: 'C', amount: 'D' }, customers: { customer_id: 'B' } };
  const guessOf = (entity: ImportEntity) => guesses[entity] ?? {};

  it('names the entity whose required field\'s column the chosen one does not read', () => {
    expect(likelierEntity('customers', ['A', 'B', 'C', 'D'], guessOf, new Set(['B']))).toEqual({ entity: 'orders', columns: ['A', 'C', 'D'] });
    expect(likelierEntity('customers', ['A', 'B', 'C', 'D'], guessOf, new Set(['A', 'B', 'C', 'D']))).toBeNull();
    // nor one that does not read every column asked of it
    expect(likelierEntity('customers', ['A', 'B', 'C', 'D', 'E'], guessOf, new Set(['B']), new Set(['E']))).toBeNull();
  });
});
