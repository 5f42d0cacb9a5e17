import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { checkNewCustomerDraft, emptyNewCustomerDraft, newCustomerDraftFrom, refusedFieldOf, rowOfSentIdentity } from './new-customer-draft.js';

const draft = (changes: Partial<typeof emptyNewCustomerDraft>) => ({ ...emptyNewCustomerDraft, ...changes });

describe('a new customer as the form sends them', () => {
  it('sends only what was filled in, trimmed, with the kind and the consents asked', () => {
    const check = checkNewCustomerDraft(draft({ name: '  Sari Wijaya ', email: 'sari@toko.co.id', city: 'Bandung', country: 'ID', birthYear: '1985', consentEmail: 'yes', consentSms: 'no', kind: 'person' }), 2026);
    expect(check).toEqual({ ok: true, body: { name: 'Sari Wijaya', email: 'sari@toko.co.id', city: 'Bandung', country: 'ID', birthYear: 1985, consentEmail: true, consentSms: false, kind: 'person' } });
  });

  it('sends WhatsApp consent as the other consents: yes, no, or nothing when not asked', () => {
    expect(checkNewCustomerDraft(draft({ name: 'Wati', consentWhatsapp: 'yes' }), 2026)).toEqual({ ok: true, body: { name: 'Wati', consentWhatsapp: true, kind: 'person' } });
    expect(checkNewCustomerDraft(draft({ name: 'Wati', consentWhatsapp: 'no' }), 2026)).toEqual({ ok: true, body: { name: 'Wati', consentWhatsapp: false, kind: 'person' } });
    expect(checkNewCustomerDraft(draft({ name: 'Wati', consentWhatsapp: '' }), 2026)).toEqual({ ok: true, body: { name: 'Wati', kind: 'person' } });
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
      .toEqual({ ok: false, identityProblems: [{ field: 'email', kind: 'invalid' }, { field: 'phone', kind: 'invalid' }], isBirthYearInvalid: false, entryProblems: [] });
  });

  it.each(['2091', '1899', '85', 'nineteen'])('holds back the birth year %j', (birthYear) => {
    expect(checkNewCustomerDraft(draft({ name: 'Ana', birthYear }), 2026)).toEqual({ ok: false, identityProblems: [], isBirthYearInvalid: true, entryProblems: [] });
  });
});

describe('a new customer\'s other identities', () => {
  const card = { choice: 'external:loyalty_card', system: '', value: ' LC5993334700 ' };
  const blank = { choice: 'external:loyalty_card', system: '', value: '  ' };

  it('sends the rows filled in as the request\'s identities, leaving blank rows out', () => {
    expect(checkNewCustomerDraft(draft({ name: 'Ana', identities: [blank, card, { choice: 'other', system: 'POS', value: 'K-7' }] }), 2026)).toEqual({
      ok: true,
      body: { name: 'Ana', kind: 'person', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC5993334700' }, { kind: 'external', namespace: 'POS', value: 'K-7' }] },
    });
  });

  it('sends a customer known by an identity alone, as the server allows', () => {
    expect(checkNewCustomerDraft(draft({ identities: [card] }), 2026))
      .toEqual({ ok: true, body: { kind: 'person', identities: [{ kind: 'external', namespace: 'loyalty_card', value: 'LC5993334700' }] } });
  });

  it('holds back a row half filled in, saying which row and which part', () => {
    expect(checkNewCustomerDraft(draft({ name: 'Ana', identities: [card, { choice: 'other', system: '', value: 'K-7' }, { choice: 'email', system: '', value: 'ana@' }] }), 2026))
      .toEqual({ ok: false, identityProblems: [], isBirthYearInvalid: false, entryProblems: [null, { part: 'system', kind: 'missing' }, { part: 'value', kind: 'invalid' }] });
  });

  it('finds the row the server\'s identities.N was sent from, past blank rows', () => {
    const withBlank = draft({ identities: [blank, card, blank, card] });
    expect(rowOfSentIdentity(withBlank, 0)).toBe(1);
    expect(rowOfSentIdentity(withBlank, 1)).toBe(3);
    expect(rowOfSentIdentity(withBlank, 2)).toBeNull();
  });
});

describe('a draft read back after a sign-in', () => {
  it('gives back a draft as it was put aside', () => {
    const typed = draft({ name: 'Wulan', email: 'wulan@', kind: 'organization', birthYear: '19', consentSms: 'no', identities: [{ choice: 'other', system: 'pos', value: 'K-7' }] });
    expect(newCustomerDraftFrom(JSON.parse(JSON.stringify(typed)))).toEqual(typed);
  });

  it.each([
    null, 'text', [], { ...emptyNewCustomerDraft, kind: 'robot' }, { ...emptyNewCustomerDraft, consentEmail: true },
    { ...emptyNewCustomerDraft, name: 42 }, { ...emptyNewCustomerDraft, identities: [{ choice: 'email', value: 'a@b.example' }] },
    { ...emptyNewCustomerDraft, identities: undefined },
  ])('reads %j as no draft, so the form starts empty', (kept) => {
    expect(newCustomerDraftFrom(kept)).toBeNull();
  });

  it('reads a draft put aside before WhatsApp consent was asked as not asked, and keeps one that answered it', () => {
    const { consentWhatsapp: _none, ...older } = draft({ name: 'Ana', consentSms: 'yes' });
    expect(newCustomerDraftFrom(JSON.parse(JSON.stringify(older)))).toEqual(draft({ name: 'Ana', consentSms: 'yes', consentWhatsapp: '' }));
    expect(newCustomerDraftFrom(draft({ name: 'Ana', consentWhatsapp: 'no' }))).toEqual(draft({ name: 'Ana', consentWhatsapp: 'no' }));
    expect(newCustomerDraftFrom({ ...emptyNewCustomerDraft, consentWhatsapp: true })).toBeNull();
  });

  it('keeps nothing of what is not a field of the form', () => {
    expect(newCustomerDraftFrom({ ...emptyNewCustomerDraft, name: 'Ana', password: 'secret' })).toEqual(draft({ name: 'Ana' }));
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
