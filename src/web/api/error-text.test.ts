import { describe, expect, it } from 'vitest';
import { ApiError } from './client.js';
import { describeError } from './error-text.js';
import { lookupMessage, messagesByLocale } from '../i18n/messages.js';

const tIn = (locale: 'en' | 'id' | 'lv') => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const forbidden = new ApiError(403, 'AUTH_FORBIDDEN', 'This needs the "customers:write" permission, which your role "analyst" does not have.', undefined, { permission: 'customers:write' });
const badEmail = new ApiError(400, 'CUSTOMER_IDENTITY_INVALID', '"not-an-email" is not an email address (expected name@domain.tld); fix it or leave it empty', 'email');

describe('describeError', () => {
  it('shows the server\'s English message as sent in English, under a title that fits', () => {
    expect(describeError(badEmail, tIn('en'), 'en')).toEqual({ title: 'Please check:', message: badEmail.message, original: null, code: 'CUSTOMER_IDENTITY_INVALID' });
    expect(describeError(forbidden, tIn('en'), 'en').title).toBe('Not allowed:');
    expect(describeError(new ApiError(404, 'CUSTOMER_NOT_FOUND', 'Customer #9 does not exist.'), tIn('en'), 'en').title).toBe('Not found:');
    expect(describeError(new ApiError(500, 'INTERNAL_ERROR', 'boom'), tIn('en'), 'en').title).toBe('Something went wrong.');
  });

  it('translates a known code with the field and permission it names, keeping the English text for support', () => {
    expect(describeError(badEmail, tIn('id'), 'id')).toEqual({
      title: 'Mohon periksa:', message: 'Isian email tidak valid: periksa penulisannya.', original: badEmail.message, code: 'CUSTOMER_IDENTITY_INVALID',
    });
    expect(describeError(forbidden, tIn('lv'), 'lv').message).toBe('Jūsu loma to nedrīkst (vajag atļauju “customers:write”). Vērsieties pie īpašnieka vai administratora.');
    const weak = describeError(new ApiError(400, 'AUTH_PASSWORD_WEAK', 'Use at least 10 characters.', 'newPassword'), tIn('lv'), 'lv');
    expect(weak).toMatchObject({ title: 'Lūdzu, pārbaudiet:', message: 'Parole ir par vāju: izmantojiet vismaz 10 rakstzīmes.' });
  });

  it('names a field it has no word for as sent, and shows an unknown code\'s message as sent', () => {
    expect(describeError(new ApiError(400, 'REQUEST_INVALID', 'limit: Too big', 'limit'), tIn('id'), 'id').message).toBe('Ada nilai yang tidak valid: limit.');
    const unknown = new ApiError(409, 'SOMETHING_NEW_CONFLICT', 'A new kind of conflict.');
    expect(describeError(unknown, tIn('lv'), 'lv')).toEqual({ title: 'Lūdzu, pārbaudiet:', message: 'A new kind of conflict.', original: null, code: 'SOMETHING_NEW_CONFLICT' });
    expect(describeError(new Error('network down'), tIn('id'), 'id')).toEqual({ title: 'Terjadi kesalahan.', message: 'network down', original: null, code: null });
  });
});
