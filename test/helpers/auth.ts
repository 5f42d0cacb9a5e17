import type { FastifyInstance } from 'fastify';
import type { Store } from '../../src/db/client.js';
import type { StaffRole } from '../../src/db/schema.js';
import { createApiKey, createSession, createStaffUser, sessionCookieName, shellCaller, type ApiKeyScope, type StaffUser } from '../../src/auth/index.js';

export type AuthHeaders = Record<string, string>;

export type TestUser = { user: StaffUser; password: string };
export type TestSession = TestUser & { token: string; csrfToken: string; headers: AuthHeaders; readHeaders: AuthHeaders };
export type TestApiKey = { apiKeyId: number; key: string; headers: AuthHeaders };

let sequence = 0;

/** A staff user with a known password (no one-time password unless asked). */
export async function createTestUser(store: Store, role: StaffRole, options: { mustChangePassword?: boolean; email?: string } = {}): Promise<TestUser> {
  sequence += 1;
  const email = options.email ?? `${role}-${sequence}-${Date.now()}@test.clientele`;
  const password = `correct horse ${role} ${sequence}`;
  const { user, oneTimePassword } = await createStaffUser(store.db, shellCaller('test'), {
    email,
    name: `Test ${role}`,
    role,
    password: options.mustChangePassword ? null : password,
  });
  return { user, password: oneTimePassword ?? password };
}

/**
 * A signed-in user of `role`. The session is opened directly (not through
 * POST /auth/login) so tests do not spend the sign-in rate limit or argon2 time.
 * `headers` carry cookie and CSRF token and suit any method; `readHeaders` only the cookie.
 */
export async function signInAs(store: Store, role: StaffRole, options: { mustChangePassword?: boolean } = {}): Promise<TestSession> {
  const testUser = await createTestUser(store, role, options);
  return { ...testUser, ...(await openTestSession(store, testUser)) };
}

export async function openTestSession(store: Store, testUser: TestUser): Promise<Omit<TestSession, keyof TestUser>> {
  const session = await createSession(store.db, testUser.user.userId, new Date());
  const cookie = `${sessionCookieName}=${session.token}`;
  return { token: session.token, csrfToken: session.csrfToken, readHeaders: { cookie }, headers: { cookie, 'x-csrf-token': session.csrfToken } };
}

export async function createTestApiKey(store: Store, scopes: ApiKeyScope[], name = `test-${scopes.join('-')}`): Promise<TestApiKey> {
  const { apiKey, key } = await createApiKey(store.db, shellCaller('test'), { name, scopes }, new Date());
  return { apiKeyId: apiKey.apiKeyId, key, headers: { authorization: `Bearer ${key}` } };
}

/** Signs in through the real endpoint; returns the response and headers for later requests. */
export async function signInOverHttp(app: FastifyInstance, email: string, password: string, remoteAddress?: string) {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, ...(remoteAddress ? { remoteAddress } : {}) });
  const cookie = response.cookies.find((candidate) => candidate.name === sessionCookieName);
  const csrfToken = response.statusCode === 200 ? (response.json() as { csrfToken: string }).csrfToken : '';
  const headers: AuthHeaders = cookie ? { cookie: `${sessionCookieName}=${cookie.value}`, 'x-csrf-token': csrfToken } : {};
  return { response, cookie, csrfToken, headers };
}
