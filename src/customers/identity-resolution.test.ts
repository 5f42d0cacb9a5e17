import { describe, expect, it } from 'vitest';
import type { CustomerRef } from '../ingest/canonical.js';
import { identityTripleKey, resolveBatchIdentities } from './identity-resolution.js';

const card = (value: string): CustomerRef => ({ kind: 'external', namespace: 'loyalty_card', value });
const email = (value: string): CustomerRef => ({ kind: 'email', value });
const phone = (value: string): CustomerRef => ({ kind: 'phone', value });

describe('resolveBatchIdentities', () => {
  it('assigns a row to the existing customer of its first known ref and attaches its other refs', () => {
    const known = new Map([[identityTripleKey(card('A1')), 7]]);
    const result = resolveBatchIdentities([[card('A1'), email('ana@example.com')]], known);
    expect(result.assignments).toEqual([{ customerId: 7 }]);
    expect(result.newIdentities).toEqual([{ identity: { kind: 'email', namespace: '', value: 'ana@example.com' }, customerId: 7 }]);
    expect(result.newCustomers).toEqual([]);
  });

  it('creates one new customer for rows that share a ref within the batch', () => {
    const result = resolveBatchIdentities([[email('b@x.id')], [phone('+628123'), email('b@x.id')], [phone('+628123')]], new Map());
    expect(result.assignments).toEqual([{ slot: 0 }, { slot: 0 }, { slot: 0 }]);
    expect(result.newCustomers).toHaveLength(1);
    expect(result.newCustomers[0].map((identity) => identity.value).sort()).toEqual(['+628123', 'b@x.id']);
  });

  it('lets a later row find a ref that an earlier row attached to an existing customer', () => {
    const known = new Map([[identityTripleKey(card('C9')), 3]]);
    const result = resolveBatchIdentities([[email('c@x.id')], [card('C9'), email('c@x.id')]], known);
    expect(result.assignments).toEqual([{ customerId: 3 }, { customerId: 3 }]);
    expect(result.newCustomers).toEqual([]);
  });

  it('never moves a ref already held by another existing customer', () => {
    const known = new Map([[identityTripleKey(card('A')), 1], [identityTripleKey(email('shared@x.id')), 2]]);
    const result = resolveBatchIdentities([[card('A'), email('shared@x.id')]], known);
    expect(result.assignments).toEqual([{ customerId: 1 }]);
    expect(result.newIdentities).toEqual([]);
  });

  it('keeps different people apart', () => {
    const result = resolveBatchIdentities([[email('a@x.id')], [email('b@x.id')]], new Map());
    expect(result.assignments).toEqual([{ slot: 0 }, { slot: 1 }]);
  });
});
