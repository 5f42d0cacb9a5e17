import { AppError } from '../core/errors.js';
import { permissionActions } from './permission-actions.js';
import { apiKeyScopes, rolesWithPermission, scopesWithPermission, type Permission } from './permissions.js';

// Codes are chosen so that `kindOfCode` (core/errors.ts) maps them to the right status.

export const authRequired = (message = 'Sign in, or send an API key as `Authorization: Bearer <key>`.') => new AppError('AUTH_REQUIRED', message);

/** Said only to a caller holding the key's secret: anyone else hears that the key is not valid. */
export const apiKeyCreatorDisabled = (apiKeyId: number) =>
  new AppError('AUTH_REQUIRED', `API key #${apiKeyId} acts for a staff member who is disabled, so it is refused while they are; an owner or admin must re-enable them, or make a new key.`);

export const sessionExpired = () => new AppError('AUTH_SESSION_EXPIRED', 'Your session has expired. Sign in again.');

export const invalidCredentials = () => new AppError('AUTH_INVALID_CREDENTIALS', 'The email or password is wrong, or the account is disabled.');

/**
 * A caller refused for lack of `permission`, told what it is for (permission-actions.ts: its name
 * alone does not say that deleting a customer needs "customers:merge") and who has it (derived from
 * the role and scope tables, so the text follows them): staff whom to ask, a key's owner which scope to use.
 */
export const permissionForbidden = (permission: Permission, holder: string, caller: 'staff' | 'api-key' | 'anonymous') => {
  const roles = rolesWithPermission(permission);
  const holders = listedWithAnd(roles.map((role) => `${role}s`));
  const needs = `This needs the "${permission}" permission (for ${permissionActions[permission]})`;
  if (caller === 'api-key') {
    const scopes = scopesWithPermission(permission);
    const fix = scopes.length ? `use a key with ${scopes.length === 1 ? 'scope' : 'scopes'} ${listedWithOr(scopes.map((scope) => `"${scope}"`))}` : `no API key has it: sign in as one of the ${holders}`;
    return new AppError('AUTH_FORBIDDEN', `${needs}, which ${holder} does not have; ${fix}.`, { permission, roles, scopes });
  }
  const ask = caller === 'staff' ? 'ask one of them' : 'sign in as one of them';
  const message = caller === 'staff' ? `${needs}, which ${holders} have and ${holder} does not; ${ask}.` : `${needs}, which ${holders} have; ${ask}.`;
  return new AppError('AUTH_FORBIDDEN', message, { permission, roles });
};

const listedWithAnd = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const listedWithOr = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

export const apiKeyScopeSuspended = (permission: string, scopes: string[]) =>
  new AppError(
    'AUTH_FORBIDDEN',
    `This needs the "${permission}" permission. This API key's scope ${scopes.map((scope) => `"${scope}"`).join(', ')} is suspended because its creator's role no longer grants it; an owner or admin must create a new key.`,
    { permission, suspendedScopes: scopes },
  );

export const csrfInvalid = () =>
  new AppError('AUTH_CSRF_INVALID', 'Missing or wrong X-CSRF-Token header. Send the csrfToken from sign-in or GET /api/auth/me with every change.');

export const temporaryPasswordForbidden = () =>
  new AppError('AUTH_TEMPORARY_PASSWORD_FORBIDDEN', 'You signed in with a one-time password. Choose your own password first.', { hint: 'POST /api/auth/password' });

export const loginRateLimited = () => new AppError('AUTH_RATE_LIMITED', 'Too many sign-in attempts. Wait a minute and try again.');

export const passwordChangeRateLimited = () => new AppError('AUTH_RATE_LIMITED', 'Too many password change attempts. Wait a minute and try again.');

export const passwordWeak = (reason: string, field = 'password') => new AppError('AUTH_PASSWORD_WEAK', reason, { field });

/** `setting` names where the password came from when it is not a form field (an environment variable). */
export const passwordCommon = (field = 'password', setting?: string) =>
  new AppError('AUTH_PASSWORD_COMMON', `${setting ? `${setting}: this` : 'This'} password is among the most commonly used ones; choose another.`, { field });

export const currentPasswordInvalid = () => new AppError('AUTH_CURRENT_PASSWORD_INVALID', 'The current password is wrong.', { field: 'currentPassword' });

export const userNotFound = (reference: string | number) => new AppError('USER_NOT_FOUND', `No staff user ${typeof reference === 'number' ? `#${reference}` : `"${reference}"`}.`, { field: 'userId' });

export const userEmailExists = (email: string) => new AppError('USER_EMAIL_EXISTS', `A staff user with the email ${email} already exists.`, { field: 'email' });

export const userChangeForbidden = (message: string) => new AppError('USER_CHANGE_FORBIDDEN', message);

/** A one-time password for a disabled account could never be used: sign-in refuses the account whatever the password. */
export const userDisabledConflict = (userId: number, email: string) =>
  new AppError('USER_DISABLED_CONFLICT', `${email} is disabled, so a new password would not let them sign in: enable them first, then reset their password.`, { field: 'userId', userId });

export const apiKeyNotFound = (apiKeyId: number) => new AppError('API_KEY_NOT_FOUND', `No API key #${apiKeyId}.`, { field: 'apiKeyId' });

export const apiKeyScopeInvalid = (scope: string) => new AppError('API_KEY_SCOPE_INVALID', `Unknown scope "${scope}". Use ${apiKeyScopes.join(', ')}.`, { field: 'scopes' });

export const apiKeyScopeForbidden = (scope: string) =>
  new AppError('API_KEY_SCOPE_FORBIDDEN', `You cannot create a key with the "${scope}" scope: it grants permissions you do not have.`, { field: 'scopes' });

export const apiKeyRevokeForbidden = (message: string) => new AppError('API_KEY_REVOKE_FORBIDDEN', message, { field: 'apiKeyId' });

export const userEmailInvalid = (email: string, reason = `"${email}" is not an email address.`) => new AppError('USER_EMAIL_INVALID', reason, { field: 'email' });

export const lastOwnerConflict = () => new AppError('USER_LAST_OWNER_CONFLICT', 'The store needs at least one active owner. Make someone else an owner first.');

export const userNameInvalid = () => new AppError('USER_NAME_INVALID', 'Give the person a name: it cannot be blank.', { field: 'name' });

export const apiKeyNameInvalid = () => new AppError('API_KEY_NAME_INVALID', 'Give the key a name that says who uses it, e.g. "shop-feed".', { field: 'name' });
