import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { changeOwnPassword, setOwnLocale } from './account.service.js';
import { registerApiKeyRoutes } from './api-keys.routes.js';
import { recordAudit } from './audit.js';
import { registerAuditRoutes } from './audit.routes.js';
import { loginRateLimited, passwordChangeRateLimited } from './auth.errors.js';
import { changePasswordRequest, changePasswordResponse, formatUser, loginRequest, loginResponse, meBody, updateMeRequest } from './auth.schemas.js';
import { createAttemptCounter } from './attempt-limiter.js';
import { userPrincipalOf } from './caller-of.js';
import { permissionsOfRole } from './permissions.js';
import { sessionCookieName, sessionCookieOptions } from './session-policy.js';
import { signIn, signOut } from './sessions.service.js';
import { signInAddressOf } from './sign-in-address.js';
import { normalizeEmail, type StaffUser } from './staff-user.js';
import { findUser } from './users.service.js';
import { errorResponse } from '../server/responses.js';
import { registerUserRoutes } from './users.routes.js';

/**
 * Sign-in limits: 10 a minute for one email from one address stops guessing one
 * account's password from there; 30 a minute from one address leaves room for an
 * office behind one NAT signing in at nine while still stopping a sweep across
 * many emails. The email's limit is per address so that nobody can lock a staff
 * member out by failing on their email from elsewhere; the price is that guesses
 * spread over many addresses are slowed only per address (docs/architecture.md).
 * An IPv6 "address" here is a /64 (`signInAddressOf`). Counted for the whole store
 * (`createAttemptCounter`): an attacker alternating between the processes that serve a
 * server store gets no more guesses than from one.
 */
export const loginLimits = { perEmailFromAddress: 10, perAddress: 30, windowMs: 60_000 };

/** Changing one's password asks for the current one, so a stolen session could guess it here as at sign-in. */
export const passwordChangeLimits = { perUser: 10, windowMs: 60_000 };

/**
 * Sign-in is open to anyone, so its body is parsed before anyone is known; the
 * server-wide limit is sized for imports. The largest account body (two
 * 1,024-character passwords at up to 4 bytes a character) fits in 16 KB.
 */
export const accountBodyLimit = 16 * 1024;

/** Sign-in, the signed-in user's own account, and (through sub-modules) users, API keys and the audit log. */
export async function registerAuthRoutes(instance: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = instance.withTypeProvider<ZodTypeProvider>();
  const byEmailFromAddress = createAttemptCounter(deps.store, { name: 'sign-in-email', max: loginLimits.perEmailFromAddress, windowMs: loginLimits.windowMs });
  const byAddress = createAttemptCounter(deps.store, { name: 'sign-in-address', max: loginLimits.perAddress, windowMs: loginLimits.windowMs });
  const passwordChangesByUser = createAttemptCounter(deps.store, { name: 'password-change', max: passwordChangeLimits.perUser, windowMs: passwordChangeLimits.windowMs });
  const db = deps.store.db;
  const meOf = (user: StaffUser, csrfToken: string) => ({ ...formatUser(user), permissions: permissionsOfRole(user.role), csrfToken });

  api.post('/auth/login', {
    config: { access: 'public' },
    bodyLimit: accountBodyLimit,
    schema: {
      tags: ['auth'],
      summary: 'Sign in with email and password; sets the session cookie',
      body: loginRequest,
      response: {
        200: loginResponse.describe('Signed in: the session cookie is set'),
        401: errorResponse('Wrong email or password, or a disabled account (AUTH_INVALID_CREDENTIALS)'),
        413: errorResponse('The body is over 16 KB'),
        429: errorResponse('Too many attempts for this email from this address, or from this address (AUTH_RATE_LIMITED): wait a minute'),
      },
    },
  }, async (request, reply) => {
    const now = deps.clock.now();
    const email = normalizeEmail(request.body.email);
    // an IPv6 caller is counted by its /64: it may hold all of it and use a fresh address for each guess
    const address = signInAddressOf(request.ip);
    // a store error while counting fails the sign-in (503 while the store is unreachable), never lets it through uncounted
    const byThisAddress = await byAddress.attempt(address, now);
    const byThisEmail = await byEmailFromAddress.attempt(JSON.stringify([email, address]), now);
    if (!byThisAddress.isAllowed || !byThisEmail.isAllowed) {
      const limits = [...(byThisEmail.isFirstRefusal ? ['email'] : []), ...(byThisAddress.isFirstRefusal ? ['address'] : [])];
      if (limits.length > 0) await recordAudit(db, { actor: 'anonymous', action: 'auth.sign-in.rate-limited', entity: 'staff_user', detail: { email, ip: request.ip, limits } });
      throw loginRateLimited();
    }
    const { user, session } = await signIn(db, { email: request.body.email, password: request.body.password, now, ip: request.ip });
    reply.setCookie(sessionCookieName, session.token, sessionCookieOptions(deps.config.isBehindTls));
    return { user: formatUser(user), permissions: permissionsOfRole(user.role), csrfToken: session.csrfToken };
  });

  api.post('/auth/logout', {
    config: { access: { permission: 'account:manage' } },
    schema: { tags: ['auth'], summary: 'Sign out: ends this session and clears the cookie', response: { 200: z.object({ status: z.literal('signed-out') }) } },
  }, async (request, reply) => {
    const principal = userPrincipalOf(request.principal);
    await signOut(db, { sessionHash: principal.sessionHash, userId: principal.userId, email: principal.email });
    reply.clearCookie(sessionCookieName, { path: '/' });
    return { status: 'signed-out' as const };
  });

  api.get('/auth/me', {
    config: { access: { permission: 'account:manage' } },
    schema: { tags: ['auth'], summary: 'The signed-in user, their permissions and the CSRF token', response: { 200: meBody } },
  }, async (request) => {
    const principal = userPrincipalOf(request.principal);
    return meOf(await findUser(db, principal.userId), principal.csrfToken);
  });

  api.patch('/auth/me', {
    config: { access: { permission: 'account:manage' } },
    bodyLimit: accountBodyLimit,
    schema: { tags: ['auth'], summary: "Set the signed-in user's language", body: updateMeRequest, response: { 200: meBody } },
  }, async (request) => {
    const principal = userPrincipalOf(request.principal);
    return meOf(await setOwnLocale(db, principal.userId, request.body.locale), principal.csrfToken);
  });

  api.post('/auth/password', {
    config: { access: { permission: 'account:manage' } },
    bodyLimit: accountBodyLimit,
    schema: {
      tags: ['auth'],
      summary: 'Change your own password (required after a one-time password); ends your other sessions and replaces this one',
      description: 'Your session continues under a new session cookie (set in this answer) and a new CSRF token (in the body): the old cookie and token stop working.',
      body: changePasswordRequest,
      response: {
        200: changePasswordResponse.describe('Changed: the new session cookie is set'),
        413: errorResponse('The body is over 16 KB'),
        429: errorResponse('Too many attempts (AUTH_RATE_LIMITED): wait a minute'),
      },
    },
  }, async (request, reply) => {
    const principal = userPrincipalOf(request.principal);
    const now = deps.clock.now();
    const attempt = await passwordChangesByUser.attempt(String(principal.userId), now);
    if (!attempt.isAllowed) {
      // once a window, as for sign-in: every refusal would let a flood flood the log
      if (attempt.isFirstRefusal) await recordAudit(db, { actor: principal.actor, action: 'auth.password.rate-limited', entity: 'staff_user', entityId: String(principal.userId), detail: { ip: request.ip } });
      throw passwordChangeRateLimited();
    }
    const { user, session } = await changeOwnPassword(db, { userId: principal.userId, currentSessionHash: principal.sessionHash, ...request.body, now, ip: request.ip });
    // a session always asks here, so a new one was opened in its place
    reply.setCookie(sessionCookieName, session!.token, sessionCookieOptions(deps.config.isBehindTls));
    return { user: formatUser(user), csrfToken: session!.csrfToken };
  });

  await registerUserRoutes(api, deps);
  await registerApiKeyRoutes(api, deps);
  await registerAuditRoutes(api, deps);
}
