import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ApiError } from './client.js';
import { describeError } from './error-text.js';
import { lookupMessage, messagesByLocale } from '../i18n/messages.js';
import en from '../i18n/en.json' with { type: 'json' };
import id from '../i18n/id.json' with { type: 'json' };
import lv from '../i18n/lv.json' with { type: 'json' };

const tIn = (locale: 'en' | 'id' | 'lv') => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const forbidden = new ApiError(403, 'AUTH_FORBIDDEN', 'This needs the "customers:write" permission, which owners, admins, marketers and agents have and your role "analyst" does not; ask one of them.', undefined, { permission: 'customers:write', roles: ['owner', 'admin', 'marketer', 'agent'] });
const badEmail = new ApiError(400, 'CUSTOMER_IDENTITY_INVALID', '"not-an-email" is not an email address (expected name@domain.tld); fix it or leave it empty', 'email');

describe('describeError', () => {
  it('shows the server\'s English message as sent in English, under a title that fits', () => {
    expect(describeError(badEmail, tIn('en'), 'en')).toEqual({ title: 'Please check:', message: badEmail.message, original: null, code: 'CUSTOMER_IDENTITY_INVALID' });
    expect(describeError(forbidden, tIn('en'), 'en').title).toBe('Not allowed:');
    expect(describeError(new ApiError(404, 'CUSTOMER_NOT_FOUND', 'Customer #9 does not exist.'), tIn('en'), 'en').title).toBe('Not found:');
    expect(describeError(new ApiError(500, 'INTERNAL_ERROR', 'boom'), tIn('en'), 'en').title).toBe('Something went wrong.');
    // heavy work refused while other heavy work runs: busy, not "too many attempts"
    const busy = new ApiError(429, 'HEAVY_WORK_CALLER_RATE_LIMITED', 'Another model validation of yours is still running; try again when it finishes.');
    expect(describeError(busy, tIn('en'), 'en').title).toBe('Busy:');
    expect(describeError(busy, tIn('lv'), 'lv')).toMatchObject({ title: 'Aizņemts:', message: 'Jūsu iepriekšējais smagais uzdevums vēl notiek: mēģiniet vēlreiz, kad tas būs beidzies.' });
    expect(describeError(new ApiError(429, 'AUTH_RATE_LIMITED', 'Too many sign-in attempts.'), tIn('en'), 'en').title).toBe('Too many attempts:');
  });

  it('translates a known code with the field and permission it names, keeping the English text for support', () => {
    expect(describeError(badEmail, tIn('id'), 'id')).toEqual({
      title: 'Mohon periksa:', message: 'Isian email tidak valid: periksa penulisannya.', original: badEmail.message, code: 'CUSTOMER_IDENTITY_INVALID',
    });
    expect(describeError(forbidden, tIn('lv'), 'lv').message).toBe('Jūsu loma to nedrīkst (vajag atļauju “customers:write”). Vērsieties pie kāda, kura lomai šī atļauja ir: Īpašnieks, Administrators, Mārketinga speciālists un Konsultants.');
    expect(describeError(forbidden, tIn('id'), 'id').message).toBe('Peran Anda tidak boleh melakukan ini (memerlukan izin “customers:write”). Minta bantuan seseorang yang perannya memiliki izin ini: Pemilik, Administrator, Pemasar, dan Agen.');
    const weak = describeError(new ApiError(400, 'AUTH_PASSWORD_WEAK', 'Use at least 10 characters.', 'newPassword'), tIn('lv'), 'lv');
    expect(weak).toMatchObject({ title: 'Lūdzu, pārbaudiet:', message: 'Parole ir par vāju: izmantojiet vismaz 10 rakstzīmes.' });
  });

  it('says an answer with no message of its own (HTTP_ERROR) in words, in English too', () => {
    const bare = new ApiError(502, 'HTTP_ERROR', '');
    expect(describeError(bare, tIn('en'), 'en')).toMatchObject({ message: 'The server did not answer as expected: try again in a moment; if it keeps happening, tell your administrator.', original: null });
    expect(describeError(new ApiError(502, 'HTTP_ERROR', 'Bad Gateway'), tIn('lv'), 'lv')).toMatchObject({ message: expect.stringContaining('Serveris neatbildēja'), original: 'Bad Gateway' });
  });

  it('names a field it has no word for as sent, and shows an unknown code\'s message as sent', () => {
    expect(describeError(new ApiError(400, 'REQUEST_INVALID', 'limit: Too big', 'limit'), tIn('id'), 'id').message).toBe('Isian limit tidak dapat diterima: periksa lalu coba lagi.');
    const unknown = new ApiError(409, 'SOMETHING_NEW_CONFLICT', 'A new kind of conflict.');
    expect(describeError(unknown, tIn('lv'), 'lv')).toEqual({ title: 'Lūdzu, pārbaudiet:', message: 'A new kind of conflict.', original: null, code: 'SOMETHING_NEW_CONFLICT' });
    expect(describeError(new Error('network down'), tIn('id'), 'id')).toEqual({ title: 'Terjadi kesalahan.', message: 'network down', original: null, code: null });
  });

  it('says a field refused as invalid in words, in English too, never in the validator\'s text', () => {
    const zod = 'Invalid body field "currentPassword": Too small: expected string to have >=1 characters';
    const refused = new ApiError(400, 'REQUEST_INVALID', zod, 'currentPassword');
    expect(describeError(refused, tIn('en'), 'en')).toEqual({ title: 'Please check:', message: 'The current password was not accepted: check it and try again.', original: zod, code: 'REQUEST_INVALID' });
    expect(describeError(refused, tIn('lv'), 'lv').message).toBe('Šo vērtību nevarēja pieņemt: pašreizējā parole. Pārbaudiet to un mēģiniet vēlreiz.');
    expect(describeError(refused, tIn('id'), 'id').message).toBe('Isian kata sandi saat ini tidak dapat diterima: periksa lalu coba lagi.');
    // refused as a whole: the server's own sentence in English, the data sent named in the others
    const whole = new ApiError(400, 'REQUEST_INVALID', 'Send at least one of role, disabled, name, email.');
    expect(describeError(whole, tIn('en'), 'en').message).toBe(whole.message);
    expect(describeError(whole, tIn('lv'), 'lv').message).toBe('Šo vērtību nevarēja pieņemt: nosūtītie dati. Pārbaudiet to un mēģiniet vēlreiz.');
  });

  it('says a request that got no answer (fetch\'s TypeError) in the reader\'s language, whatever the browser wrote', () => {
    for (const wording of ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed']) {
      expect(describeError(new TypeError(wording), tIn('id'), 'id')).toEqual({
        title: 'Tidak ada koneksi:', message: 'Server tidak dapat dihubungi; periksa koneksi lalu coba lagi.', original: wording, code: null,
      });
    }
    expect(describeError(new TypeError('Failed to fetch'), tIn('en'), 'en').message).toBe('Could not reach the server; check the connection and try again.');
    // the app's own mistake is not blamed on the connection
    expect(describeError(new TypeError('items.map is not a function'), tIn('en'), 'en').message).toBe('items.map is not a function');
  });
});

/**
 * Every error code a staff member can meet through the web app (its pages' calls, and the server's
 * own answers to any request); CLI-only codes and import reject codes are not shown this way.
 */
const webReachableCodes = [
  // sign-in, session, password
  'AUTH_REQUIRED', 'AUTH_SESSION_EXPIRED', 'AUTH_INVALID_CREDENTIALS', 'AUTH_RATE_LIMITED', 'AUTH_FORBIDDEN', 'AUTH_CSRF_INVALID',
  'AUTH_TEMPORARY_PASSWORD_FORBIDDEN', 'AUTH_PASSWORD_WEAK', 'AUTH_PASSWORD_COMMON', 'HEAVY_WORK_CALLER_RATE_LIMITED', 'HEAVY_WORK_SERVER_RATE_LIMITED', 'AUTH_CURRENT_PASSWORD_INVALID',
  // users and API keys
  'USER_NOT_FOUND', 'USER_EMAIL_EXISTS', 'USER_EMAIL_INVALID', 'USER_CHANGE_FORBIDDEN', 'USER_LAST_OWNER_CONFLICT',
  'API_KEY_NOT_FOUND', 'API_KEY_NAME_INVALID', 'API_KEY_SCOPE_INVALID', 'API_KEY_SCOPE_FORBIDDEN',
  // customers, merges, lists
  'CUSTOMER_NOT_FOUND', 'CUSTOMER_IDENTITY_INVALID', 'CUSTOMER_IDENTITY_CONFLICT', 'CUSTOMER_EMPTY', 'CUSTOMER_MERGE_INVALID',
  'CUSTOMER_MERGE_NOT_FOUND', 'CUSTOMER_MERGE_CONFLICT', 'CUSTOMER_MERGE_UNDO_CONFLICT', 'PAGINATION_CURSOR_INVALID',
  // segments and their filters, personas and drift
  'SEGMENT_NOT_FOUND', 'SEGMENT_NAME_EXISTS', 'SEGMENT_FILTER_INVALID', 'SEGMENT_SOURCE_MISSING',
  'PERSONA_NOT_FOUND', 'PERSONA_TOO_FEW_CUSTOMERS', 'PERSONA_NAME_EXISTS', 'PERSONA_DISCOVERY_SEGMENTS_CONFLICT', 'SEGMENT_NAME_INVALID', 'DRIFT_PERIOD_INVALID',
  // reports, analysis, type policy, models, currency rates
  'ANALYTICS_AS_OF_INVALID', 'ANALYTICS_AS_OF_IN_FUTURE', 'ANALYTICS_POLICY_INVALID', 'ANALYTICS_ALERT_NOT_FOUND', 'REPORT_RANGE_INVALID',
  'MODEL_NO_PURCHASES', 'MODEL_INVALID_PERIOD', 'MODEL_FIT_NOT_CONVERGED', 'SETTINGS_CURRENCY_UNKNOWN', 'SETTINGS_RATE_INVALID',
  // the import page: an import run, its batches and their closing
  'IMPORT_COLUMN_MISSING', 'IMPORT_DATE_FORMAT_INVALID', 'IMPORT_RUN_NOT_FOUND', 'IMPORT_RUN_FORBIDDEN', 'IMPORT_RUN_ENTITY_CONFLICT',
  'IMPORT_RUN_ENDED_CONFLICT', 'INGEST_IDEMPOTENCY_MISMATCH', 'INTERNAL_IDEMPOTENCY',
  // any request
  'REQUEST_INVALID', 'REQUEST_BODY_TOO_LARGE', 'ROUTE_NOT_FOUND', 'INTERNAL_ERROR',
  // the store's database down or gone: any request, the server's answer (503)
  'STORE_CONNECTION_UNAVAILABLE',
  // the app's own, for an answer that is not the API's (a proxy's error page)
  'HTTP_ERROR',
] as const;

/**
 * Every error code the server's source declares. Codes are not listed in one place: they are
 * declared the three ways the source uses (`new AppError('CODE', …)`, the lists and factories of
 * each `*.errors.ts`, and `code: 'CODE'` in the answers src/server and the routes write
 * themselves), so a code built another way (from a variable outside an errors file) escapes it.
 */
function declaredErrorCodes(): string[] {
  const sourceRoot = fileURLToPath(new URL('../..', import.meta.url));
  const codeLiteral = `'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'`;
  const codes = new Set<string>();
  const read = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (path !== join(sourceRoot, 'web')) read(path);
        continue;
      }
      if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
      const text = readFileSync(path, 'utf8');
      const patterns = [new RegExp(`new AppError\\(\\s*${codeLiteral}`, 'g')];
      if (entry.name.endsWith('.errors.ts')) patterns.push(new RegExp(codeLiteral, 'g'));
      if (path.startsWith(join(sourceRoot, 'server')) || entry.name.endsWith('.routes.ts')) patterns.push(new RegExp(`code: ${codeLiteral}`, 'g'));
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) codes.add(match[1]!);
    }
  };
  read(sourceRoot);
  return [...codes].sort();
}

/** Codes only the command line, or a server starting up, can meet: no page of the web app shows them. */
const commandLineCodes = [
  'CLI_ARGUMENT_INVALID', 'CLI_FILE_UNREADABLE', 'CLI_FILE_UNWRITABLE', 'CLI_INTERRUPTED', 'CONFIG_INVALID', 'DEMO_DATASET_NOT_FOUND', 'DEMO_STORE_NOT_EMPTY_CONFLICT', 'DEMO_STORE_USED_CONFLICT',
  // file imports are the command line's; the web import sends records
  'IMPORT_FILE_NOT_FOUND', 'IMPORT_FILE_EMPTY', 'IMPORT_FILE_UNREADABLE', 'IMPORT_OPTION_INVALID', 'IMPORT_PRESET_NOT_FOUND', 'IMPORT_PRESET_NEEDED',
  'STORE_CONNECTION_INVALID', 'SERVER_PORT_IN_USE_CONFLICT', 'SERVER_PORT_NOT_PERMITTED', 'SERVER_HOST_INVALID', 'STORE_DIRECTORY_UNAVAILABLE', 'STORE_MIGRATIONS_PENDING_UNAVAILABLE', 'STORE_NOT_A_DIRECTORY', 'STORE_IN_USE_CONFLICT',
  // a store a command or a server start cannot open: the web app is served only once it is open
  'STORE_DAMAGED_UNAVAILABLE', 'STORE_NEWER_VERSION_UNAVAILABLE', 'STORE_NOT_WRITABLE_UNAVAILABLE',
  // clientele backup and restore
  'BACKUP_FILE_EXISTS', 'BACKUP_STORE_NOT_FOUND', 'RESTORE_FILE_INVALID', 'RESTORE_FILE_NOT_FOUND', 'RESTORE_TARGET_EXISTS', 'STORE_RESTORE_UNFINISHED_CONFLICT',
  // clientele copy-store
  'STORE_COPY_MIGRATIONS_INVALID', 'STORE_COPY_MISMATCH', 'STORE_COPY_SOURCE_NOT_FOUND', 'STORE_COPY_TARGET_INVALID', 'STORE_COPY_TARGET_NOT_EMPTY',
];

describe('the error codes the server declares', () => {
  const declared = declaredErrorCodes();

  it('are found where the source declares them, the codes above among them', () => {
    expect(declared).toEqual(expect.arrayContaining(webReachableCodes.filter((code) => code !== 'HTTP_ERROR')));
    expect(declared).toEqual(expect.arrayContaining(commandLineCodes));
  });

  it.each([['en', en], ['id', id], ['lv', lv]] as const)('have a %s message each, but those only the command line meets', (_locale, messages) => {
    const codes: Record<string, string> = messages.errors.codes;
    expect(declared.filter((code) => !commandLineCodes.includes(code) && (typeof codes[code] !== 'string' || codes[code].trim() === ''))).toEqual([]);
  });
});

/** Only these are filled in by describeError (variablesOf); any other {name} would show as written. */
const filledVariables = ['field', 'permission', 'roles'];

describe.each([['en', en], ['id', id], ['lv', lv]] as const)('the %s error messages', (_locale, messages) => {
  const codes: Record<string, string> = messages.errors.codes;

  it('translate every code the web app can meet', () => {
    expect(webReachableCodes.filter((code) => typeof codes[code] !== 'string' || codes[code].trim() === '')).toEqual([]);
  });

  it('use no variable other than {field}, {permission} and {roles}', () => {
    const others = Object.entries(codes).flatMap(([code, text]) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).filter((name) => !filledVariables.includes(name)).map((name) => `${code}: {${name}}`));
    expect(others).toEqual([]);
  });
});
