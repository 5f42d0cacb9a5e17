import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { draftProblems, fieldProblemOf, isEmailShaped, isPhoneShaped } from './profile-field-checks.js';

describe('identity fields checked before the profile is sent', () => {
  it.each([
    ['ana@example.com', true], [' Ana.Sari@toko.co.id ', true], ['ana@bücher.de', true], ['', true],
    ['not-an-email', false], ['ana@example', false], ['ana @example.com', false], ['ana@@example.com', false], ['@example.com', false],
  ])('reads %j as an email: %s', (text, expected) => {
    expect(isEmailShaped(text)).toBe(expected);
  });

  it.each([
    ['+62 812 3456 7890', true], ['0812-3456-7890', true], ['(021) 555 1234', true], ['0812.3456.7890', true], ['+62 21 555 1234 ext. 12', true],
    ['+622155512;ext=12', true], ['', true],
    ['12', false], ['12345', false], ['call me', false], ['0812 3456 78a0', false], ['62+812345678', false],
  ])('reads %j as a phone number: %s', (text, expected) => {
    expect(isPhoneShaped(text)).toBe(expected);
  });

  it('checks only the fields the form would send', () => {
    expect(draftProblems({ email: 'not-an-email', phone: '12' })).toEqual([{ field: 'email', kind: 'invalid' }, { field: 'phone', kind: 'invalid' }]);
    expect(draftProblems({ phone: '+62 812 3456 7890' })).toEqual([]);
    expect(draftProblems({})).toEqual([]);
  });
});

describe('a refused save placed under its field', () => {
  it('names the customer an email belongs to, when the server says who', () => {
    const taken = new ApiError(409, 'CUSTOMER_IDENTITY_CONFLICT', 'The identity "ana@example.com" already belongs to customer #1499.', 'email', { belongsTo: 1499 });
    expect(fieldProblemOf(taken)).toEqual({ field: 'email', kind: 'taken', belongsTo: 1499 });
    expect(fieldProblemOf(new ApiError(409, 'CUSTOMER_IDENTITY_CONFLICT', 'taken', 'phone'))).toEqual({ field: 'phone', kind: 'taken', belongsTo: null });
  });

  it('places a number the server could not read under the phone, and leaves other errors to the form', () => {
    expect(fieldProblemOf(new ApiError(400, 'CUSTOMER_IDENTITY_INVALID', '"0000000000" is not a valid phone number', 'phone'))).toEqual({ field: 'phone', kind: 'refused' });
    expect(fieldProblemOf(new ApiError(409, 'CUSTOMER_IDENTITY_CONFLICT', 'taken', 'identities.0'))).toBeNull();
    expect(fieldProblemOf(new ApiError(400, 'REQUEST_INVALID', 'bad', 'email'))).toBeNull();
    expect(fieldProblemOf(new Error('offline'))).toBeNull();
    expect(fieldProblemOf(null)).toBeNull();
  });
});
