import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.js';
import type { StaffRole } from '../../src/db/schema.js';
import { apiKeyScopes, roleHasPermission, roles, scopesHavePermission, type ApiKeyScope } from '../../src/auth/index.js';
import { buildApp } from '../../src/server/app.js';
import { registeredRoutes, type RegisteredRoute } from '../../src/server/plugins/authenticate.js';
import { createTestApiKey, createTestUser, openTestSession, type AuthHeaders, type TestUser } from '../helpers/auth.js';
import { createTestStore } from '../helpers/stores.js';

/**
 * The role × route matrix. Routes come from the app itself (every route
 * registered after authentication), so a route added tomorrow is checked
 * tomorrow without touching this file.
 */
const { store, dispose } = await createTestStore('embedded');
const app = await buildApp({ store, config: { isBehindTls: false }, clock: systemClock });
await app.ready();
afterAll(async () => {
  await app.close();
  await dispose();
});

const routes = registeredRoutes(app).filter((route) => route.url.startsWith('/api'));
const usersByRole = new Map<StaffRole, TestUser>();
for (const role of roles) usersByRole.set(role, await createTestUser(store, role));
const keysByScope = new Map<ApiKeyScope, AuthHeaders>();
for (const scope of apiKeyScopes) keysByScope.set(scope, (await createTestApiKey(store, [scope], `matrix-${scope}`)).headers);

type Caller = { label: string; hasPermission: (permission: Parameters<typeof roleHasPermission>[1]) => boolean; headers: () => Promise<AuthHeaders> };

const callers: Caller[] = [
  // A fresh session per request: POST /auth/logout in the matrix must not sign the next request out.
  ...roles.map((role): Caller => ({ label: role, hasPermission: (permission) => roleHasPermission(role, permission), headers: async () => (await openTestSession(store, usersByRole.get(role)!)).headers })),
  ...apiKeyScopes.map((scope): Caller => ({ label: `api key [${scope}]`, hasPermission: (permission) => scopesHavePermission([scope], permission), headers: async () => keysByScope.get(scope)! })),
];

// Ids that exist nowhere, so a permitted call ends in 400/404 rather than changing the callers themselves.
function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z_]+/g, '999999').replace(/\*$/, 'x');
}

async function call(route: RegisteredRoute, headers: AuthHeaders) {
  const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(route.method);
  const response = await app.inject({ method: route.method as 'GET', url: concreteUrl(route.url), headers, ...(hasBody ? { payload: {} } : {}) });
  const code = response.body ? ((): string | undefined => { try { return (response.json() as { error?: { code?: string } }).error?.code; } catch { return undefined; } })() : undefined;
  return { status: response.statusCode, code };
}

describe('route registry', () => {
  it('finds the API routes, each with a declared access', () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) expect(route.access, `${route.method} ${route.url}`).toBeDefined();
  });

  // A spot check that the registry reaches routes added later: the undo of an acknowledgement came after this file.
  it('lists acknowledging an alert and its undo, so both are checked for every role below', () => {
    expect(routes.map((route) => `${route.method} ${route.url}`)).toEqual(expect.arrayContaining(['POST /api/alerts/:alertId/acknowledge', 'POST /api/alerts/:alertId/reopen']));
  });

  // the import page's Source choice reads it: a role that may import may read it, and no other
  it('lists the sources of the customer ids, so the route is checked for every role below', () => {
    expect(routes.find((route) => route.method === 'GET' && route.url === '/api/ingest/sources')?.access).toEqual({ permission: 'ingest:write' });
  });

  it('covers every operation in the OpenAPI document', () => {
    const document = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const known = new Set(routes.map((route) => `${route.method} ${route.url.replace(/:([A-Za-z_]+)/g, '{$1}')}`));
    const documented = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.filter((operation) => !known.has(operation))).toEqual([]);
  });
});

describe.each(routes.map((route) => [`${route.method} ${route.url}`, route] as const))('%s', (_name, route) => {
  const access = route.access!;

  it(access === 'public' ? 'is open without credentials' : 'answers 401 without credentials', async () => {
    const { status } = await call(route, {});
    if (access === 'public') expect([401, 403]).not.toContain(status);
    else expect(status).toBe(401);
  });

  if (access === 'public') return;

  it.each(callers.map((caller) => [caller.label, caller] as const))(`lets %s in exactly when it holds ${access.permission}`, async (_label, caller) => {
    const { status, code } = await call(route, await caller.headers());
    if (caller.hasPermission(access.permission)) expect([401, 403], `got ${status} ${code}`).not.toContain(status);
    // HEAD answers carry no body, so only the status can be checked there.
    else expect({ status, code }).toEqual({ status: 403, code: route.method === 'HEAD' ? undefined : 'AUTH_FORBIDDEN' });
  });
});
