import { describe, expect, it } from 'vitest';
import type { CustomerRef } from '../ingest/canonical.js';
import { identityTripleKey, resolveBatchIdentities, resolveFileRows } from './identity-resolution.js';

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
    const result = resolveBatchIdentities([[card('C9'), email('c@x.id')], [email('c@x.id')]], known);
    expect(result.assignments).toEqual([{ customerId: 3 }, { customerId: 3 }]);
    expect(result.newCustomers).toEqual([]);
  });

  it('resolves each row after the rows before it, never making a new customer of refs someone holds, whatever the batch size', () => {
    // row A: a new id and an email; row B: that email and a phone; row C: an existing customer's id and that phone
    const known = new Map([[identityTripleKey(card('W1')), 2]]);
    const chain = [[card('N1'), email('e1@x.id')], [email('e1@x.id'), phone('+628131111222')], [card('W1'), phone('+628131111222')]];
    const whole = resolveBatchIdentities(chain, known);
    expect(whole.assignments).toEqual([{ slot: 0 }, { slot: 0 }, { customerId: 2 }]);
    expect(whole.newCustomers[0].map((identity) => identity.value)).toEqual(['N1', 'e1@x.id', '+628131111222']);
    expect(whole.newIdentities).toEqual([]);
    // one row per batch: each batch sees what the earlier ones stored
    const stored = new Map(known);
    const oneByOne = chain.map((refs, row) => {
      const single = resolveBatchIdentities([refs], stored);
      const customerId = 'customerId' in single.assignments[0] ? single.assignments[0].customerId : 100 + row;
      for (const identity of [...single.newCustomers.flat(), ...single.newIdentities.map((entry) => entry.identity)]) stored.set(identityTripleKey(identity), customerId);
      return customerId;
    });
    expect(oneByOne).toEqual([100, 100, 2]);
    expect(stored.get(identityTripleKey(email('e1@x.id')))).toBe(100);
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

describe('resolveFileRows', () => {
  const id = (value: string): CustomerRef => ({ kind: 'external', namespace: 'import', value });
  const rows = (...refs: CustomerRef[][]) => refs.map((row, index) => ({ refs: row, line: index + 2 }));

  it('resolves rows in file order, each as if imported alone', () => {
    // a shared ref merges an unknown row into the customer an earlier row named; cutting the batch anywhere gives the same
    const known = new Map([[identityTripleKey(id('c1')), 1]]);
    const result = resolveFileRows(rows([id('n1'), email('n@x.id')], [id('c1'), email('c@x.id')], [id('n2'), email('n@x.id')]), known, new Map());
    expect(result.assignments).toEqual([{ slot: 0 }, { customerId: 1 }, { slot: 0 }]);
    expect(result.newCustomers[0].map((identity) => identity.value)).toEqual(['n1', 'n@x.id', 'n2']);
    expect(result.newIdentities).toEqual([{ identity: { kind: 'email', namespace: '', value: 'c@x.id' }, customerId: 1 }]);
    expect(result.addsIdentity).toEqual([true, true, true]);
    expect(result.refusals).toEqual([]);
  });

  it('refuses the same first ref twice, within the batch or from an earlier batch, attaching nothing of the row', () => {
    const result = resolveFileRows(rows([id('k1'), email('k1@x.id')], [id('k1'), email('k1b@x.id')], [id('k2')]), new Map(), new Map([[identityTripleKey(id('k2')), 9]]));
    expect(result.refusals).toEqual([{ row: 1, kind: 'duplicate', ref: id('k1'), line: 2 }, { row: 2, kind: 'duplicate', ref: id('k2'), line: 9 }]);
    expect(result.newCustomers.flat().map((identity) => identity.value)).toEqual(['k1', 'k1@x.id']);
    // only the first row is accepted: its first ref is what later batches check duplicates against
    expect(result.assignments.map((assignment) => 'slot' in assignment && assignment.slot === -1)).toEqual([false, true, true]);
  });

  it('refuses a row whose email or phone belongs to another customer, and lets a later row use its refs', () => {
    const known = new Map([[identityTripleKey(id('c1')), 1], [identityTripleKey(email('budi@x.id')), 2], [identityTripleKey(phone('+628222')), 2]]);
    const result = resolveFileRows(rows([id('c1'), email('budi@x.id')], [id('c1'), phone('+628222')], [id('c1'), email('ana@x.id')], [id('c9'), email('budi@x.id')]), known, new Map());
    expect(result.refusals).toEqual([
      { row: 0, kind: 'taken', ref: email('budi@x.id'), resolved: { customerId: 1 }, owner: { customerId: 2 } },
      { row: 1, kind: 'taken', ref: phone('+628222'), resolved: { customerId: 1 }, owner: { customerId: 2 } },
    ]);
    expect(result.assignments.slice(2)).toEqual([{ customerId: 1 }, { customerId: 2 }]);
    expect(result.newIdentities.map(({ identity, customerId }) => [identity.value, customerId])).toEqual([['ana@x.id', 1], ['c9', 2]]);
  });

  it('joins stubs a row names into one customer, completed by the row', () => {
    // one person's orders came by phone (stub 11) and by email (stub 12); their customer row names both
    const known = new Map([[identityTripleKey(phone('+6285722223333')), 11], [identityTripleKey(email('stub@x.id')), 12]]);
    const result = resolveFileRows(rows([id('SP'), email('stub@x.id'), phone('+6285722223333')], [id('SQ'), phone('+6285722223333')]), known, new Map(), new Set([11, 12]));
    expect(result.refusals).toEqual([]);
    expect(result.joins).toEqual([{ row: 0, kept: { customerId: 12 }, mergedIds: [11] }]);
    // the merged stub's refs are the kept customer's for later rows
    expect(result.assignments).toEqual([{ customerId: 12 }, { customerId: 12 }]);
    expect(result.newIdentities.map(({ identity, customerId }) => [identity.value, customerId])).toEqual([['SP', 12], ['SQ', 12]]);
  });

  it('joins a stub into the customer with a profile that the row describes, and refuses a row naming another profile', () => {
    const known = new Map([[identityTripleKey(email('stub@x.id')), 12], [identityTripleKey(phone('+628111')), 3], [identityTripleKey(id('c4')), 4]]);
    const result = resolveFileRows(rows([id('c4'), email('stub@x.id')], [id('n1'), email('stub@x.id'), phone('+628111')]), known, new Map(), new Set([12]));
    expect(result.joins).toEqual([{ row: 0, kept: { customerId: 4 }, mergedIds: [12] }]);
    // the stub's email is customer 4's now; the phone is customer 3's, who has a profile
    expect(result.refusals).toEqual([{ row: 1, kind: 'taken', ref: phone('+628111'), resolved: { customerId: 4 }, owner: { customerId: 3 } }]);
  });

  it('treats a stub a row completed as a profile for later rows', () => {
    const known = new Map([[identityTripleKey(email('s1@x.id')), 11], [identityTripleKey(email('s2@x.id')), 12]]);
    const result = resolveFileRows(rows([id('a'), email('s1@x.id')], [id('b'), email('s2@x.id')], [id('c'), email('s1@x.id'), email('s2@x.id')]), known, new Map(), new Set([11, 12]));
    expect(result.joins).toEqual([]);
    expect(result.refusals).toEqual([{ row: 2, kind: 'taken', ref: email('s2@x.id'), resolved: { customerId: 11 }, owner: { customerId: 12 } }]);
  });

  it('refuses an external id that belongs to another customer, as it does an email', () => {
    const known = new Map([[identityTripleKey(id('L1')), 1], [identityTripleKey(card('CARD-L1X')), 2]]);
    const result = resolveFileRows(rows([id('L1'), card('CARD-L1X')]), known, new Map());
    expect(result.refusals).toEqual([{ row: 0, kind: 'taken', ref: card('CARD-L1X'), resolved: { customerId: 1 }, owner: { customerId: 2 } }]);
    expect(result.newIdentities).toEqual([]);
  });
});
