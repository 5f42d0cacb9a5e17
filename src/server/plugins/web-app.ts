import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { routeNotFoundBody } from './error-handler.js';

/**
 * Serves the built web app (public: it is only HTML, JS and CSS; every datum
 * comes from the authenticated API). Unknown non-API paths get index.html so
 * the app's own routes work on reload.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string | null | undefined): Promise<void> {
  if (!webRoot) {
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html').send('<!doctype html><meta charset="utf-8"><title>Clientele</title><p>The web app is not built. Run <code>npm run build:web</code>, or use the API at <a href="/api/docs">/api/docs</a>.</p>'));
    app.setNotFoundHandler((request, reply) => reply.status(404).send(routeNotFoundBody(request.method, request.url)));
    return;
  }
  await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(routeNotFoundBody(request.method, request.url));
  });
}
