import type { FastifyInstance } from 'fastify';

/**
 * `Cache-Control: no-store` on every answer that needs a signed-in caller, and on every
 * /api/auth/* answer (which carry the CSRF token and who is signed in): a shared computer's browser
 * cache, or a proxy, must not keep customers' data or a session's secrets after the person leaves.
 * Set on arrival, so refusals (401, 403) carry it too. Public answers keep their own caching: the
 * web app's files, /api/docs and /api/openapi.json.
 */
export function registerNoStore(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config?.access;
    const needsCaller = access !== undefined && access !== 'public';
    if (needsCaller || request.url.startsWith('/api/auth/')) reply.header('cache-control', 'no-store');
  });
}
