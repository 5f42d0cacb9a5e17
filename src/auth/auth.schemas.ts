import { z } from 'zod';
import type { AuditEvent } from './audit.js';
import type { ApiKey } from './api-keys.service.js';
import { apiKeyScopes, permissions, roles } from './permissions.js';
import { locales, type StaffUser } from './staff-user.js';

const roleSchema = z.enum(roles);
const isoTime = z.string().describe('ISO 8601 time');

export const userBody = z.object({
  userId: z.number().int(),
  email: z.string(),
  name: z.string().describe('Empty when the person has no name yet (the first owner): show the email instead.'),
  role: roleSchema,
  locale: z.string().nullable().describe('The language the user chose for the web app; null until they choose one (the web app then saves the one they sign in with).'),
  mustChangePassword: z.boolean().describe('True after a one-time password: the client must send the user to change it (POST /api/auth/password).'),
  disabledAt: isoTime.nullable(),
  createdAt: isoTime,
});

export const permissionList = z.array(z.enum(permissions));

export const meBody = userBody.extend({
  permissions: permissionList,
  csrfToken: z.string().describe('Send as the X-CSRF-Token header on every non-GET request made with the session cookie.'),
});

// Strict: a sign-in body has nothing else in it, and an unknown key is more likely a probe than a client.
export const loginRequest = z.strictObject({ email: z.string().min(1).max(254), password: z.string().min(1).max(1024) });
export const loginResponse = z.object({ user: userBody, permissions: permissionList, csrfToken: z.string() });

export const changePasswordRequest = z.strictObject({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) });
export const changePasswordResponse = z.object({ user: userBody, csrfToken: z.string().describe("The new session's CSRF token: send it as X-CSRF-Token from now on") });
export const updateMeRequest = z.object({ locale: z.enum(locales) });

export const createUserRequest = z.object({
  email: z.string().min(3).max(254),
  name: z.string().min(1).max(200),
  role: roleSchema,
  password: z.string().min(1).max(1024).optional().describe('Leave out to generate a one-time password, returned once.'),
  locale: z.enum(locales).optional(),
});
export const createUserResponse = z.object({ user: userBody, oneTimePassword: z.string().nullable() });
export const resetPasswordResponse = z.object({ user: userBody, oneTimePassword: z.string().describe('Shown only now: give it to the person; they choose their own at the next sign-in.') });

export const updateUserRequest = z
  .object({
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    name: z.string().min(1).max(200).optional(),
    email: z.string().min(3).max(254).optional()
      .describe('The address they sign in with from now on, stored trimmed and lower-cased; one another user has is refused (USER_EMAIL_EXISTS). Their sessions go on.'),
  })
  .refine((change) => change.role !== undefined || change.disabled !== undefined || change.name !== undefined || change.email !== undefined, { message: 'Send at least one of role, disabled, name, email.' });

export const userIdParams = z.object({ userId: z.coerce.number().int().positive() });

export const apiKeyBody = z.object({
  apiKeyId: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('The public part of the key (clt_<prefix>_…), to tell keys apart.'),
  scopes: z.array(z.string()).describe('The scopes granted when the key was made.'),
  scopesInEffect: z.array(z.string()).describe('The granted scopes the key may use now: none once it is revoked; a key acts for its creator, so a scope their current role no longer grants is suspended (and none while they are disabled). To restore a suspended scope, an owner or admin creates a new key.'),
  createdBy: z.number().int().nullable(),
  creator: z.object({ userId: z.number().int(), email: z.string(), role: roleSchema, isDisabled: z.boolean() }).nullable().describe('Null for a key made from the command line.'),
  createdByKey: z.object({ apiKeyId: z.number().int(), name: z.string() }).nullable().describe('The API key that made this key, or null when a person or the command line did. Revoking that key revokes this one with it.'),
  createdAt: isoTime,
  lastUsedAt: isoTime.nullable(),
  revokedAt: isoTime.nullable(),
});
export const createApiKeyRequest = z.object({ name: z.string().min(1).max(100), scopes: z.array(z.enum(apiKeyScopes)).min(1) });
export const createApiKeyResponse = z.object({ apiKey: apiKeyBody, key: z.string().describe('The full key. Shown only now: store it safely.') });
export const apiKeyIdParams = z.object({ apiKeyId: z.coerce.number().int().positive() });
export const listApiKeysQuery = z.object({ includeRevoked: z.enum(['true', 'false']).default('true') });

export const auditQuery = z.object({
  cursor: z.string().max(100).optional().describe('nextCursor of the previous page; any other value is refused with PAGINATION_CURSOR_INVALID'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  entity: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
  actor: z.string().max(300).optional(),
  action: z.string().max(100).optional(),
  since: z.string().datetime({ offset: true }).transform((text) => new Date(text)).optional()
    .describe('only entries from this instant on (ISO 8601 with an offset, e.g. 2026-03-01T00:00:00+07:00)'),
});
export const auditEventBody = z.object({
  auditId: z.number().int(),
  occurredAt: isoTime,
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  detail: z.unknown(),
});
export const auditPage = z.object({ items: z.array(auditEventBody), nextCursor: z.string().nullable() });

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function formatUser(user: StaffUser): z.infer<typeof userBody> {
  return { ...user, disabledAt: iso(user.disabledAt), createdAt: user.createdAt.toISOString() };
}

export function formatApiKey(apiKey: ApiKey): z.infer<typeof apiKeyBody> {
  return { ...apiKey, createdAt: apiKey.createdAt.toISOString(), lastUsedAt: iso(apiKey.lastUsedAt), revokedAt: iso(apiKey.revokedAt) };
}

export function formatAuditEvent(event: AuditEvent): z.infer<typeof auditEventBody> {
  return { ...event, occurredAt: event.occurredAt.toISOString() };
}
