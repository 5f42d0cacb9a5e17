import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { checkNewCustomerDraft, emptyNewCustomerDraft, refusedFieldOf } from './new-customer-draft.js';

const draft = (changes: Partial<typeof emptyNewCustomerDraft>) => ({ ...emptyNewCustomerDraft, ...changes });

describe('a new customer as the form sends them', () => {
  it('sends only what was filled in, trimmed, with the kind and the consents asked', () => {
    const check = checkNewCustomerDraft(draft({ name: '  Sari Wijaya ', email: 'sari@toko.co.id', city: 'Bandung', country: 'ID', birthYear: '1985', consentEmail: 'yes', consentSms: 'no', kind: 'person' }), 2026);
    expect(check).toEqual({ ok: true, body: { name: 'Sari Wijaya', email: 'sari@toko.co.id', city: 'Bandung', country: 'ID', birthYear: 1985, consentEmail: true, consentSms: false, kind: 'person' } });
  });

  it('sends a gender and an income band as typed, trimmed, under the request\'s names, and leaves them out when blank', () => {
    expect(checkNewCustomerDraft(draft({ name: 'Dewi Lestari', gender: ' female ', incomeBand: '5-10M ' }), 2026))
      .toEqual({ ok: true, body: { name: 'Dewi Lestari', gender: 'female', incomeBand: '5-10M', kind: 'person' } });
    expect(checkNewCustomerDraft(draft({ name: 'Dewi Lestari', gender: '  ', incomeBand: '' }), 2026)).toEqual({ ok: true, body: { name: 'Dewi Lestari', kind: 'person' } });
    // like a city, an income band told on the phone is something known of the caller: the server stores it
    expect(checkNewCustomerDraft(draft({ incomeBand: '<5M' }), 2026)).toEqual({ ok: true, body: { incomeBand: '<5M', kind: 'person' } });
  });

  it('sends an organisation as one', () => {
    expect(checkNewCustomerDraft(draft({ name: 'PT Maju Jaya', kind: 'organization' }), 2026)).toEqual({ ok: true, body: { name: 'PT Maju Jaya', kind: 'organization' } });
  });

  it('sends an empty form as empty, without the kind, so the server refuses it rather than create a nameless person', () => {
    expect(checkNewCustomerDraft(draft({ name: '   ', kind: 'organization' }), 2026)).toEqual({ ok: true, body: {} });
    // a consent alone is no detail either: the server would store a customer with nothing to find them by
    expect(checkNewCustomerDraft(draft({ consentEmail: 'yes', kind: 'person' }), 2026)).toEqual({ ok: true, body: {} });
  });

  it('holds back an email or phone that cannot be one, saying which', () => {
    expect(checkNewCustomerDraft(draft({ name: 'Ana', email: 'ana@example', phone: '12' }), 2026))
      .toEqual({ ok: false, identityProblems: [{ field: 'email', kind: 'invalid' }, { field: 'phone', kind: 'invalid' }], isBirthYearInvalid: false });
  });

  it.each(['2091', '1899', '85', 'nineteen'])('holds back the birth year %j', (birthYear) => {
    expect(checkNewCustomerDraft(draft({ name: 'Ana', birthYear }), 2026)).toEqual({ ok: false, identityProblems: [], isBirthYearInvalid: true });
  });
});

describe('a refused create placed under its field', () => {
  it.each([
    [new ApiError(400, 'CUSTOMER_EMPTY', 'A new customer needs at least one thing to know them by.', 'name'), 'name'],
    [new ApiError(400, 'CUSTOMER_BIRTH_YEAR_INVALID', 'birthYear: 2091 is after this year.', 'birthYear', { value: 2091 }), 'birthYear'],
    [new ApiError(409, 'CUSTOMER_IDENTITY_CONFLICT', 'Taken.', 'email', { belongsTo: 7 }), 'email'],
    [new ApiError(400, 'REQUEST_INVALID', 'Invalid body field "country".', 'country'), 'country'],
    [new ApiError(400, 'REQUEST_INVALID', 'Invalid body field "incomeBand".', 'incomeBand'), 'incomeBand'],
    [new ApiError(400, 'REQUEST_INVALID', 'Invalid body field "gender".', 'gender'), 'gender'],
  ])('says %s under %s', (error, field) => {
    expect(refusedFieldOf(error)).toBe(field);
  });

  it('places a refusal about no field of the form under the form', () => {
    expect(refusedFieldOf(new ApiError(403, 'AUTH_FORBIDDEN', 'Not allowed.'))).toBeNull();
    expect(refusedFieldOf(new ApiError(400, 'REQUEST_INVALID', 'Bad body.', 'body'))).toBeNull();
    expect(refusedFieldOf(new Error('network down'))).toBeNull();
    expect(refusedFieldOf(null)).toBeNull();
  });
});
