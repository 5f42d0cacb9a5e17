import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { passwordFormProblem, passwordRefusalProblem, signInProblem, signInRefusal } from './credential-problems.js';

const tIn = (locale: 'en' | 'id' | 'lv') => (key: string) => lookupMessage(messagesByLocale[locale], key, { count: 10 });
const oneTimeMissing = 'password.currentMissing';
const form = { asksCurrent: true, currentPassword: '', newPassword: 'a good long passphrase', repeated: 'a good long passphrase', email: 'ana@shop.example', currentMissingKey: oneTimeMissing };
// what the server answers for an empty one-time password, in its validator's words
const emptyCurrent = new ApiError(400, 'REQUEST_INVALID', 'Invalid body field "currentPassword": Too small: expected string to have >=1 characters', 'currentPassword');

describe('the choose-your-password form', () => {
  it('asks for an empty one-time password under its field before sending, in all three languages', () => {
    const problem = passwordFormProblem(form);
    expect(problem).toEqual({ field: 'current', key: oneTimeMissing });
    expect(tIn('en')(problem!.key)).toBe('Enter your one-time password.');
    expect(tIn('id')(problem!.key)).toBe('Masukkan kata sandi sekali pakai Anda.');
    expect(tIn('lv')(problem!.key)).toBe('Ievadiet savu vienreizējo paroli.');
  });

  it('asks for the current password on the account page, and says so in its own words', () => {
    const problem = passwordFormProblem({ ...form, currentMissingKey: 'passwordForm.problems.currentMissing' });
    expect(problem).toEqual({ field: 'current', key: 'passwordForm.problems.currentMissing' });
    expect(['en', 'id', 'lv'].map((locale) => tIn(locale as 'en')(problem!.key))).toEqual(['Enter your current password.', 'Masukkan kata sandi Anda saat ini.', 'Ievadiet savu pašreizējo paroli.']);
  });

  it('checks the new password next, and not the current one when it is known from sign-in', () => {
    expect(passwordFormProblem({ ...form, currentPassword: 'the printed one', newPassword: 'short', repeated: 'short' })).toEqual({ field: 'new', key: 'passwordForm.problems.tooShort' });
    expect(passwordFormProblem({ ...form, asksCurrent: false, currentPassword: 'the printed one' })).toBeNull();
    expect(passwordFormProblem({ ...form, currentPassword: 'the printed one' })).toBeNull();
  });

  it('says a REQUEST_INVALID the server still returns for the current password under that field, never the validator\'s text', () => {
    expect(passwordRefusalProblem(emptyCurrent, { asksCurrent: true, currentPassword: '', currentMissingKey: oneTimeMissing })).toEqual({ field: 'current', key: oneTimeMissing });
    const tooLong = passwordRefusalProblem(emptyCurrent, { asksCurrent: true, currentPassword: 'x'.repeat(1025), currentMissingKey: oneTimeMissing });
    expect(tooLong).toEqual({ field: 'current', key: 'errors.codes.AUTH_CURRENT_PASSWORD_INVALID' });
    expect(tIn('lv')(tooLong!.key)).toBe('Pašreizējā parole ir nepareiza.');
    // other refusals, or a field the form does not show, are left to the error message
    expect(passwordRefusalProblem(emptyCurrent, { asksCurrent: false, currentPassword: 'known', currentMissingKey: oneTimeMissing })).toBeNull();
    expect(passwordRefusalProblem(new ApiError(400, 'AUTH_PASSWORD_WEAK', 'Use at least 10 characters.', 'newPassword'), { asksCurrent: true, currentPassword: 'a', currentMissingKey: oneTimeMissing })).toBeNull();
  });
});

describe('the sign-in form', () => {
  it('asks for an empty email or password under its field before sending', () => {
    expect(signInProblem({ email: ' ', password: 'secret' })).toEqual({ field: 'email', key: 'signIn.emailMissing' });
    expect(signInProblem({ email: 'ana@shop.example', password: '' })).toEqual({ field: 'password', key: 'signIn.passwordMissing' });
    expect(signInProblem({ email: 'ana@shop.example', password: 'secret' })).toBeNull();
    expect(['en', 'id', 'lv'].map((locale) => tIn(locale as 'en')('signIn.passwordMissing'))).toEqual(['Enter your password.', 'Masukkan kata sandi Anda.', 'Ievadiet savu paroli.']);
    expect(['en', 'id', 'lv'].map((locale) => tIn(locale as 'en')('signIn.emailMissing'))).toEqual(['Enter your email.', 'Masukkan email Anda.', 'Ievadiet savu e-pastu.']);
  });

  it('says a refusal in words, a wrong email and a wrong password alike', () => {
    const input = { email: 'ana@shop.example', password: 'guess' };
    expect(signInRefusal(new ApiError(401, 'AUTH_INVALID_CREDENTIALS', 'Wrong email or password.'), input)).toEqual({ field: null, key: 'signIn.wrongCredentials' });
    expect(signInRefusal(new ApiError(429, 'AUTH_RATE_LIMITED', 'Too many.'), input)).toEqual({ field: null, key: 'signIn.tooManyAttempts' });
    expect(signInRefusal(new Error('boom'), input)).toEqual({ field: null, key: 'signIn.failed' });
    // a REQUEST_INVALID: empty, under the field; too long for any account, simply not right
    expect(signInRefusal(new ApiError(400, 'REQUEST_INVALID', 'Invalid body field "password": Too small', 'password'), { ...input, password: '' })).toEqual({ field: 'password', key: 'signIn.passwordMissing' });
    expect(signInRefusal(new ApiError(400, 'REQUEST_INVALID', 'Invalid body field "email": Too big', 'email'), { ...input, email: 'a'.repeat(300) })).toEqual({ field: null, key: 'signIn.wrongCredentials' });
  });
});
