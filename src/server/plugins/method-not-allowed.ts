import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from '../responses.js';

type ApiPath = { url: string; pattern: RegExp; methods: Set<string> };

/**
 * The methods each API path has, from the routes as they are registered (call before any is):
 * `methodsAt` answers them, in order, for a request's path, and none for a path no route has.
 * A `:param` stands for one path segment, a `*` for the rest of the path, as Fastify reads them.
 */
export function collectApiPathMethods(app: FastifyInstance): { methodsAt: (path: string) => string[] } {
  const paths = new Map<string, ApiPath>();
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const known = paths.get(route.url) ?? { url: route.url, pattern: patternOf(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) known.methods.add(method);
    paths.set(route.url, known);
  });
  return {
    methodsAt(path) {
      const methods = new Set<string>();
      for (const known of paths.values()) if (known.pattern.test(path)) for (const method of known.methods) methods.add(method);
      // Fastify answers HEAD wherever GET is (exposeHeadRoutes), whether or not its route was seen here
      if (methods.has('GET')) methods.add('HEAD');
      return [...methods].sort();
    },
  };
}

function patternOf(url: string): RegExp {
  const source = url.split('/').map((segment) => {
    if (segment === '*') return '.*';
    return segment.split(/(:[A-Za-z_][A-Za-z0-9_]*)/).map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  }).join('/');
  return new RegExp(`^${source}$`);
}

/**
 * A known API path asked with a method it does not have: 405 with `Allow`, rather than the 404 of a
 * path that does not exist, so a client sees it sent the wrong method. Told to any caller, signed in
 * or not: every API path and its methods are public in /api/openapi.json anyway.
 */
export function methodNotAllowedBody(method: string, path: string, allowed: string[]): ErrorBody {
  return {
    error: {
      code: 'ROUTE_METHOD_NOT_ALLOWED',
      message: `${path} does not take ${method}; it takes ${allowed.join(', ')}. See /api/docs for the API.`,
      details: { method, allowed },
    },
  };
}
