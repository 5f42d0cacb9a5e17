import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { looksLikeEmail, passwordFormProblem, passwordRefusalFocus, passwordRefusalProblem, signInProblem, signInRefusal } from './credential-problems.js';

const tIn = (locale: 'en' | 'id' | 'lv') => (key: string) => lookupMessage(messagesByLocale[locale], key, { count: 10 });
const oneTimeMissing = 'password.currentMissing';
const oneTimeWrong = 'password.currentWrong';
const oneTimeKeys = { currentMissingKey: oneTimeMissing, currentWrongKey: oneTimeWrong };
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
    expect(passwordRefusalProblem(emptyCurrent, { asksCurrent: true, currentPassword: '', ...oneTimeKeys })).toEqual({ field: 'current', key: oneTimeMissing });
    const tooLong = passwordRefusalProblem(emptyCurrent, { asksCurrent: true, currentPassword: 'x'.repeat(1100), ...oneTimeKeys });
    // the field is labelled "One-time password": so is what is said under it
    expect(tooLong).toEqual({ field: 'current', key: oneTimeWrong });
    expect(['en', 'id', 'lv'].map((locale) => tIn(locale as 'en')(tooLong!.key))).toEqual(['The one-time password is wrong.', 'Kata sandi sekali pakai salah.', 'Vienreizējā parole ir nepareiza.']);
    // other refusals, or a field the form does not show, are left to the error message
    expect(passwordRefusalProblem(emptyCurrent, { asksCurrent: false, currentPassword: 'known', ...oneTimeKeys })).toBeNull();
    expect(passwordRefusalProblem(new ApiError(400, 'AUTH_PASSWORD_WEAK', 'Use at least 10 characters.', 'newPassword'), { asksCurrent: true, currentPassword: 'a', ...oneTimeKeys })).toBeNull();
  });

  it('says a wrong current or one-time password under its field in its own terms, not as a "Please check" banner', () => {
    const wrong = new ApiError(400, 'AUTH_CURRENT_PASSWORD_INVALID', 'The current password is wrong.', 'currentPassword');
    expect(passwordRefusalProblem(wrong, { asksCurrent: true, currentPassword: 'guess', ...oneTimeKeys })).toEqual({ field: 'current', key: oneTimeWrong });
    const onAccountPage = passwordRefusalProblem(wrong, { asksCurrent: true, currentPassword: 'guess', currentMissingKey: 'passwordForm.problems.currentMissing', currentWrongKey: 'passwordForm.problems.currentWrong' });
    expect(onAccountPage).toEqual({ field: 'current', key: 'passwordForm.problems.currentWrong' });
    expect(['en', 'id', 'lv'].map((locale) => tIn(locale as 'en')(onAccountPage!.key))).toEqual(['The current password is wrong.', 'Kata sandi saat ini salah.', 'Pašreizējā parole ir nepareiza.']);
    // known from sign-in, the field is not shown: the error message says it
    expect(passwordRefusalProblem(wrong, { asksCurrent: false, currentPassword: 'known', ...oneTimeKeys })).toBeNull();
  });

  it('puts focus, after a refusal, on the field it names, else on the submit button', () => {
    const wrong = new ApiError(400, 'AUTH_CURRENT_PASSWORD_INVALID', 'The current password is wrong.', 'currentPassword');
    expect(passwordRefusalFocus(wrong, { asksCurrent: true })).toBe('current');
    expect(passwordRefusalFocus(emptyCurrent, { asksCurrent: true })).toBe('current');
    expect(passwordRefusalFocus(wrong, { asksCurrent: false })).toBe('submit');
    expect(passwordRefusalFocus(new ApiError(400, 'AUTH_PASSWORD_COMMON', 'Too common.', 'newPassword'), { asksCurrent: true })).toBe('new');
    expect(passwordRefusalFocus(new ApiError(429, 'AUTH_RATE_LIMITED', 'Too many.'), { asksCurrent: true })).toBe('submit');
    expect(passwordRefusalFocus(new TypeError('Failed to fetch'), { asksCurrent: true })).toBe('submit');
  });
});

describe('the sign-in form', () => {
  it('asks for an empty email or password under its field before sending', () => {
    expect(signInProblem({ email: ' ', password: 'secret' })).toEqual({ field: 'email', key: 'signIn.emailMissing' });
    expect(signInProblem({ email: 'ana@shop.example', password: '' })).toEqual({ field: 'password', key: 'signIn.passwordMissing' });
    expect(signInProblem({ email: 'ana@shop.example', password: 'secret' })).toBeNull();
    expect(signInProblem({ email: ' ana@shop.example ', password: 'secret' })).toBeNull();
    expect(['en', 'id', 'lv'].map((locale) => tIn(locale as 'en')('signIn.passwordMissing'))).toEqual(['Enter your password.', 'Masukkan kata sandi Anda.', 'Ievadiet savu paroli.']);
    expect(['en', 'id', 'lv'].map((locale) => tIn(locale as 'en')('signIn.emailMissing'))).toEqual(['Enter your email.', 'Masukkan email Anda.', 'Ievadiet savu e-pastu.']);
  });

  it('says an email not shaped like one under its field before sending, so it never counts as an attempt', () => {
    for (const email of ['not-an-email', 'ana@', '@shop.example', 'ana@@shop.example', 'ana@shop@example', 'ana maria@shop.example']) {
      expect(looksLikeEmail(email)).toBe(false);
      expect(signInProblem({ email, password: 'secret' })).toEqual({ field: 'email', key: 'signIn.emailInvalid' });
    }
    expect(looksLikeEmail('ana@shop')).toBe(true);
    expect(['en', 'id', 'lv'].map((locale) => tIn(locale as 'en')('signIn.emailInvalid'))).toEqual([
      'Enter an email address such as name@example.com.', 'Isi alamat email seperti nama@contoh.com.', 'Ievadiet e-pasta adresi, piemēram, vards@piemers.lv.']);
  });

  it('says a refusal in words, a wrong email and a wrong password alike, and puts focus back where one retypes', () => {
    const input = { email: 'ana@shop.example', password: 'guess' };
    // "not right": the message below the form, read as the password field's description where focus goes
    expect(signInRefusal(new ApiError(401, 'AUTH_INVALID_CREDENTIALS', 'Wrong email or password.'), input)).toEqual({ field: null, key: 'signIn.wrongCredentials', focus: 'password' });
    expect(signInRefusal(new ApiError(429, 'AUTH_RATE_LIMITED', 'Too many.'), input)).toEqual({ field: null, key: 'signIn.tooManyAttempts', focus: 'submit' });
    expect(signInRefusal(new Error('boom'), input)).toEqual({ field: null, key: 'signIn.failed', focus: 'submit' });
    // a REQUEST_INVALID: empty, under the field; too long for any account, simply not right
    expect(signInRefusal(new ApiError(400, 'REQUEST_INVALID', 'Invalid body field "password": Too small', 'password'), { ...input, password: '' })).toEqual({ field: 'password', key: 'signIn.passwordMissing', focus: 'password' });
    expect(signInRefusal(new ApiError(400, 'REQUEST_INVALID', 'Invalid body field "email": Too big', 'email'), { ...input, email: 'a'.repeat(300) })).toEqual({ field: null, key: 'signIn.wrongCredentials', focus: 'password' });
    expect(['en', 'id', 'lv'].map((locale) => tIn(locale as 'en')('signIn.wrongCredentials'))).toEqual(['The email or password is not right.', 'Email atau kata sandi salah.', 'E-pasts vai parole nav pareiza.']);
  });
});
