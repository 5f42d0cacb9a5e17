import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { routeNotFoundBody } from './error-handler.js';
import { methodNotAllowedBody } from './method-not-allowed.js';

/** The route @fastify/static answers every GET and HEAD with, a file of the built web app or none. */
const webAppFiles = '/*';

/** The methods an API path has (none for a path no route has): see method-not-allowed.ts. */
type MethodsAt = (path: string) => string[];

/**
 * Serves the built web app (public: it is only HTML, JS and CSS; every datum
 * comes from the authenticated API). Unknown non-API paths get index.html so
 * the app's own routes work on reload. Files are looked up when asked for, not
 * listed at start: index.html is read fresh, and a web app rebuilt while the
 * server runs names new asset files, which a list made at start did not hold
 * (the page came up blank).
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string | null | undefined, methodsAt: MethodsAt): Promise<void> {
  answerUnknownRoutesBeforeTheBody(app, methodsAt);
  if (!webRoot) {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html').send('<!doctype html><meta charset="utf-8"><title>Clientele</title><p>The web app is not built. Run <code>npm run build:web</code>, or use the API at <a href="/api/docs">/api/docs</a>.</p>'));
    app.setNotFoundHandler((request, reply) => reply.status(404).send(routeNotFoundBody(request.method, request.url)));
    return;
  }
  await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: true, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(routeNotFoundBody(request.method, request.url));
  });
}

/**
 * A request no route matches is answered on arrival: the not-found handler would otherwise
 * run only after its body was read and parsed, so anyone could make the
 * server take in up to the 20 MB body limit for nothing. A known API path with
 * another method is answered 405 with the methods it has (`Allow`), any method;
 * an unknown URL 404, except GET and HEAD, which carry no body and are left to
 * the not-found handler, which serves the web app.
 */
function answerUnknownRoutesBeforeTheBody(app: FastifyInstance, methodsAt: MethodsAt): void {
  app.addHook('onRequest', async (request, reply) => {
    // the web app's files answer any GET or HEAD (registerWebApp): an API path asked with them is still no file
    if (!request.is404 && request.routeOptions.url !== webAppFiles) return;
    const path = request.url.split('?')[0]!;
    const allowed = methodsAt(path);
    if (allowed.length > 0) return reply.status(405).header('allow', allowed.join(', ')).send(methodNotAllowedBody(request.method, path, allowed));
    if (request.method === 'GET' || request.method === 'HEAD') return;
    return reply.status(404).send(routeNotFoundBody(request.method, request.url));
  });
}
