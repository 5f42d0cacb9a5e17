import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.js';
import { requirePermission, type Principal, type RouteAccess } from '../access.js';
import { createApiKeyRateLimit } from '../api-key-rate-limit.js';
import {
  apiKeyActor,
  authErrors,
  authenticateApiKey,
  authenticateSession,
  bearerTokenOf,
  constantTimeEqual,
  isSafeMethod,
  sessionCookieName,
  userActor,
  type Permission,
} from '../../auth/index.js';
import { defaultApiKeyRequestsPerMinute } from '../../core/config.js';
import { isAppError } from '../../core/errors.js';
import { createRefusalAudit } from '../../auth/refusal-audit.js';

export type RegisteredRoute = { method: string; url: string; access: RouteAccess | undefined };

const routesByApp = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Every route registered after authentication, with its declared access: the
 * role × route matrix test walks this list, so new routes are covered without
 * anyone remembering to add them.
 */
export function registeredRoutes(app: FastifyInstance): readonly RegisteredRoute[] {
  return routesByApp.get(app) ?? [];
}

/**
 * Authenticates and authorises every route whose `config.access` names a
 * permission. Runs on `onRequest`, before the body is even read, so an
 * anonymous caller cannot make the server parse a 20 MB upload.
 */
export async function registerAuthentication(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const routes: RegisteredRoute[] = [];
  routesByApp.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access: route.config?.access });
  });

  // counted for the whole store, like the sign-in limits: in the database on a server store, which several processes may serve
  const limitApiKey = createApiKeyRateLimit(deps.store, deps.config.apiKeyRequestsPerMinute ?? defaultApiKeyRequestsPerMinute);
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    // Public routes, unknown URLs (404) and routes outside the API (docs, web app) need no principal.
    if (!access || access === 'public') return;
    const authenticated = await authenticate(request, reply, deps);
    try {
      authorize(authenticated, access.permission, request);
    } catch (error) {
      // known, though refused: the refusal is audited in its name (below)
      refusedPrincipals.set(request, authenticated.principal);
      throw error;
    }
    request.principal = authenticated.principal;
    // machine clients only: a staff session is one person at a browser
    if (authenticated.principal.kind === 'api-key' && (await limitApiKey(request, reply)) === 'refused') return reply;
  });

  // A signed-in caller refused (403) is audited, here or in a route's own check (a permission that
  // depends on what is acted on, a read that needs the CSRF token), as is a session on a one-time
  // password reaching past the password change (a leaked one-time password being tried out leaves a
  // trace): onError runs once the error has left the route, so any transaction it ran in has rolled
  // back, and before the answer is sent. An anonymous caller (401) is not: they are rate-limited where
  // they sign in.
  const recordRefusal = createRefusalAudit(deps.store.db, deps.clock);
  app.addHook('onError', async (request, _reply, error) => {
    if (!isAppError(error) || !refusalCodes.has(error.code)) return;
    const principal = request.principal ?? refusedPrincipals.get(request);
    if (!principal) return;
    // the one the refusal names (a route's own check may ask for more than the route's access), else the route's
    const access = request.routeOptions.config?.access;
    const permission = typeof error.details.permission === 'string' ? error.details.permission : access && access !== 'public' ? access.permission : null;
    try {
      await recordRefusal({ actor: principal.actor, method: request.method, route: request.routeOptions.url ?? 'unknown', permission, code: error.code });
    } catch (failure) {
      // the caller hears the same 403 whether or not the log could be written
      request.log.error({ err: failure }, 'a refused request could not be written to the audit log');
    }
  });
}

const refusalCodes = new Set(['AUTH_FORBIDDEN', 'AUTH_CSRF_INVALID', 'AUTH_TEMPORARY_PASSWORD_FORBIDDEN']);

/** Callers authenticated but refused at the edge: request.principal is only set for a caller let through. */
const refusedPrincipals = new WeakMap<FastifyRequest, Principal>();

type Authenticated = { principal: Principal; mustChangePassword: boolean };

async function authenticate(request: FastifyRequest, reply: FastifyReply, deps: AppDeps): Promise<Authenticated> {
  const now = deps.clock.now();
  const authorization = request.headers.authorization;
  // An Authorization header wins over a cookie: a script that sends a key means that key, even from a signed-in browser.
  if (authorization !== undefined) {
    const raw = bearerTokenOf(authorization);
    if (!raw) throw authErrors.authRequired('The Authorization header must read "Bearer <API key>".');
    const check = await authenticateApiKey(deps.store.db, raw, now);
    if (check.status === 'creator-disabled') throw authErrors.apiKeyCreatorDisabled(check.apiKeyId);
    if (check.status !== 'valid') throw authErrors.authRequired('The API key is not valid or has been revoked.');
    const key = check.apiKey;
    const suspendedScopes = key.scopes.filter((scope) => !key.scopesInEffect.includes(scope));
    return { principal: { kind: 'api-key', apiKeyId: key.apiKeyId, name: key.name, scopes: key.scopesInEffect, suspendedScopes, actor: apiKeyActor(key.apiKeyId, key.name) }, mustChangePassword: false };
  }
  const token = request.cookies?.[sessionCookieName];
  if (!token) throw authErrors.authRequired();
  const check = await authenticateSession(deps.store.db, token, now);
  if (check.status !== 'valid') {
    reply.clearCookie(sessionCookieName, { path: '/' });
    throw check.status === 'expired' ? authErrors.sessionExpired() : authErrors.authRequired('Your session is no longer valid. Sign in again.');
  }
  const { session } = check;
  return {
    principal: {
      kind: 'user',
      userId: session.userId,
      email: session.email,
      name: session.name,
      role: session.role,
      locale: session.locale,
      sessionHash: session.sessionHash,
      csrfToken: session.csrfToken,
      actor: userActor(session.userId, session.email),
    },
    mustChangePassword: session.mustChangePassword,
  };
}

function authorize({ principal, mustChangePassword }: Authenticated, permission: Permission, request: FastifyRequest): void {
  requirePermission(principal, permission);
  // Keys are not sent by browsers on their own, so they need no CSRF token.
  if (principal.kind === 'api-key') return;
  // Until a one-time password is replaced the account may only look after itself.
  if (mustChangePassword && permission !== 'account:manage') throw authErrors.temporaryPasswordForbidden();
  if (!isSafeMethod(request.method)) requireCsrfToken(principal.csrfToken, request);
}

/** The session's CSRF token, as the X-CSRF-Token header must carry it. */
function requireCsrfToken(expected: string, request: FastifyRequest): void {
  const header = request.headers['x-csrf-token'];
  if (typeof header !== 'string' || !constantTimeEqual(header, expected)) throw authErrors.csrfInvalid();
}

/**
 * For a read that acts as a write does (a heavy read that is audited in the caller's name, e.g.
 * the subject access export): a staff session must send its X-CSRF-Token, as with any write, so a
 * link or image on another site cannot make a signed-in browser perform it (SameSite=Lax lets the
 * cookie ride along a top-level GET). An API key is sent by no browser on its own and needs none.
 * Use as the route's own `preHandler` hook: after authentication has set the principal and the request
 * was validated (an unknown parameter is refused first, as on every route), before the handler.
 */
export async function requireCsrfTokenOnRead(request: FastifyRequest): Promise<void> {
  const principal = request.principal;
  if (!principal || principal.kind !== 'user') return;
  requireCsrfToken(principal.csrfToken, request);
}
