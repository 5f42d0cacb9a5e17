import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import {
  choiceKey, choiceOf, entryProblemOf, identityChoices, identityInputOf, identityRefusalOf, isEntryBlank, isHeld, type IdentityEntry,
} from './identity-entry.js';

const entry = (choice: string, value: string, system = ''): IdentityEntry => ({ choice, system, value });

describe('the kinds of identity staff can add', () => {
  it('offers the product\'s systems, another system, then email and phone, as the API accepts them', () => {
    expect(identityChoices().map(choiceKey)).toEqual(['external:loyalty_card', 'external:web_account', 'other', 'email', 'phone']);
  });

  it('offers a system the customer already has ids of, once', () => {
    const held = [{ kind: 'external' as const, namespace: 'demo' }, { kind: 'external' as const, namespace: 'loyalty_card' }, { kind: 'email' as const, namespace: '' }];
    expect(identityChoices(held).map(choiceKey)).toEqual(['external:loyalty_card', 'external:web_account', 'external:demo', 'other', 'email', 'phone']);
  });

  it.each([['email', { kind: 'email' }], ['external:pos_terminal', { kind: 'external', namespace: 'pos_terminal' }], ['external:', { kind: 'other' }], ['nonsense', { kind: 'other' }]])(
    'reads the choice %j back', (key, choice) => {
      expect(choiceOf(key)).toEqual(choice);
    },
  );
});

describe('an identity as the form sends it', () => {
  it('sends a loyalty card as an external id of its system, trimmed', () => {
    expect(identityInputOf(entry('external:loyalty_card', ' LC5993334700 '))).toEqual({ kind: 'external', namespace: 'loyalty_card', value: 'LC5993334700' });
  });

  it('sends another system\'s id under the system as typed (the server reads its spelling)', () => {
    expect(identityInputOf(entry('other', 'K-77', ' Kasir Toko 3 '))).toEqual({ kind: 'external', namespace: 'Kasir Toko 3', value: 'K-77' });
  });

  it('sends an email or phone without a system', () => {
    expect(identityInputOf(entry('email', 'ana@toko.example'))).toEqual({ kind: 'email', value: 'ana@toko.example' });
    expect(identityInputOf(entry('phone', '+62 812 5550 1234'))).toEqual({ kind: 'phone', value: '+62 812 5550 1234' });
  });

  it.each([
    [entry('external:loyalty_card', '  '), { part: 'value', kind: 'missing' }],
    [entry('other', 'K-77', ' '), { part: 'system', kind: 'missing' }],
    [entry('other', 'K-77', 'x'.repeat(65)), { part: 'system', kind: 'tooLong' }],
    [entry('external:loyalty_card', 'x'.repeat(201)), { part: 'value', kind: 'tooLong' }],
    [entry('email', 'ana@example'), { part: 'value', kind: 'invalid' }],
    [entry('phone', '12'), { part: 'value', kind: 'invalid' }],
  ])('holds back %j, saying under which part', (typed, problem) => {
    expect(entryProblemOf(typed)).toEqual(problem);
  });

  it('lets a well-formed entry through', () => {
    expect(entryProblemOf(entry('external:web_account', 'WA-1'))).toBeNull();
    expect(entryProblemOf(entry('other', 'K-77', 'pos'))).toBeNull();
  });

  it('counts a row with nothing typed as no identity, but not one with a system named', () => {
    expect(isEntryBlank(entry('external:loyalty_card', ' '))).toBe(true);
    expect(isEntryBlank(entry('other', '', ' '))).toBe(true);
    expect(isEntryBlank(entry('other', '', 'pos'))).toBe(false);
  });

  it('knows an identity the customer already has, as the server would read it', () => {
    const held = [
      { kind: 'external' as const, namespace: 'loyalty_card', value: 'LC-1' },
      { kind: 'email' as const, namespace: '', value: 'ana@toko.example' },
    ];
    expect(isHeld(entry('other', 'LC-1', 'Loyalty Card'), held)).toBe(true);
    expect(isHeld(entry('email', 'Ana@Toko.example'), held)).toBe(true);
    expect(isHeld(entry('external:web_account', 'LC-1'), held)).toBe(false);
    expect(isHeld(entry('external:loyalty_card', 'LC-2'), held)).toBe(false);
  });
});

describe('the server\'s answer about an identity placed under it', () => {
  it('names the customer who has it', () => {
    const error = new ApiError(409, 'CUSTOMER_IDENTITY_CONFLICT', 'The loyalty_card id "LC-1" already belongs to customer #7.', 'identities.2', { belongsTo: 7 });
    expect(identityRefusalOf(error)).toEqual({ index: 2, problem: { part: 'value', kind: 'taken', belongsTo: 7 } });
  });

  it('says it belongs to another customer without naming them when the server does not', () => {
    const error = new ApiError(409, 'CUSTOMER_IDENTITY_CONFLICT', 'Belongs to another customer.', 'identities.0');
    expect(identityRefusalOf(error)).toEqual({ index: 0, problem: { part: 'value', kind: 'taken', belongsTo: null } });
  });

  it.each([
    [new ApiError(400, 'CUSTOMER_IDENTITY_INVALID', '"12" is not a possible phone number for ID', 'identities.1.value'), { index: 1, problem: { part: 'value', kind: 'refused' } }],
    [new ApiError(400, 'CUSTOMER_IDENTITY_INVALID', 'An external id needs a namespace', 'identities.0.namespace'), { index: 0, problem: { part: 'system', kind: 'refused' } }],
    [new ApiError(400, 'REQUEST_INVALID', 'Invalid body field "identities.0.value"', 'identities.0.value'), { index: 0, problem: { part: 'value', kind: 'refused' } }],
  ])('says %s under its part', (error, refusal) => {
    expect(identityRefusalOf(error)).toEqual(refusal);
  });

  it('leaves any other refusal to the form', () => {
    expect(identityRefusalOf(new ApiError(409, 'CUSTOMER_IDENTITY_CONFLICT', 'Taken.', 'email', { belongsTo: 7 }))).toBeNull();
    expect(identityRefusalOf(new ApiError(403, 'AUTH_FORBIDDEN', 'Not allowed.'))).toBeNull();
    expect(identityRefusalOf(new ApiError(400, 'REQUEST_INVALID', 'Too many.', 'identities'))).toBeNull();
    expect(identityRefusalOf(new Error('network down'))).toBeNull();
    expect(identityRefusalOf(null)).toBeNull();
  });
});
