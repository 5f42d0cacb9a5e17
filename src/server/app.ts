import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Store } from '../db/client.js';
import type { Clock } from '../core/clock.js';
import type { Config } from '../core/config.js';
import { trustedProxyCheck } from '../core/trusted-proxies.js';
import { registerBodyParsing } from './plugins/body-parsing.js';
import { registerErrorHandler } from './plugins/error-handler.js';
import { registerEdgeInputCheck } from './plugins/edge-input.js';
import { registerUnknownQueryCheck } from './plugins/query-keys.js';
import { registerWholeNumberCheck } from './plugins/whole-numbers.js';
import { registerStrictBodies } from './plugins/strict-bodies.js';
import { registerOpenApi } from './plugins/openapi.js';
import { createResponseSerializer } from './plugins/response-serializer.js';
import { registerAuthentication } from './plugins/authenticate.js';
import { registerNoStore } from './plugins/no-store.js';
import { registerApiRoutes } from './routes.js';
import { registerWebApp } from './plugins/web-app.js';
import { collectApiPathMethods } from './plugins/method-not-allowed.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { frameworkErrorAnswer, maxPathSegmentLength } from './plugins/framework-errors.js';
import './access.js';

export type AppDeps = {
  store: Store;
  /** `apiKeyRequestsPerMinute` defaults to `defaultApiKeyRequestsPerMinute` (core/config.ts); `trustedProxies` to none but loopback. */
  config: Pick<Config, 'isBehindTls'> & Partial<Pick<Config, 'apiKeyRequestsPerMinute' | 'trustedProxies'>>;
  clock: Clock;
  logger?: Logger | false;
  /** Directory of the built web app to serve at `/`, when present. */
  webRoot?: string | null;
};

/** Builds the HTTP application; never listens, so tests use `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Typed as the plain instance: routes add the zod type provider themselves.
  const app = Fastify({
    loggerInstance: deps.logger || undefined,
    logger: deps.logger === undefined ? false : undefined,
    // Behind TLS one proxy (the one terminating TLS) stands in front of us: trust only our direct
    // peer (hop 0), so request.ip is the address that proxy appended to X-Forwarded-For, and only
    // when that peer is a known proxy (loopback, CLIENTELE_TRUSTED_PROXIES): a client reaching the
    // port directly would otherwise choose its own request.ip, which the sign-in limit and the audit
    // log rely on. (Fastify fails closed on a numeric hop count, hence the function.)
    trustProxy: deps.config.isBehindTls ? proxyTrust(deps.config.trustedProxies ?? []) : false,
    bodyLimit: 20 * 1024 * 1024,
    // a malformed or over-long path is answered in the API's error shape (plugins/framework-errors.ts)
    routerOptions: { maxParamLength: maxPathSegmentLength },
    frameworkErrors: frameworkErrorAnswer({ isBehindTls: deps.config.isBehindTls }),
  }) as unknown as FastifyInstance;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(createResponseSerializer(app.log));
  app.decorateRequest('principal', null);
  registerErrorHandler(app);
  registerBodyParsing(app);
  // input every route shares a rule for, refused in the error handler's shape
  registerEdgeInputCheck(app);
  registerUnknownQueryCheck(app);
  registerWholeNumberCheck(app);
  registerStrictBodies(app);

  // Fail closed: a route that forgot to declare who may call it does not start.
  app.addHook('onRoute', (route) => {
    const isDocs = route.url.startsWith('/api/docs');
    if (!route.config?.access && !isDocs && route.url.startsWith('/api')) {
      throw new Error(`Route ${route.method} ${route.url} declares no access; add config.access ('public' or a permission).`);
    }
  });

  // first, so that every answer carries them, errors and 404s included
  // before any route is registered, so that it sees them all (the OpenAPI document's own among them)
  const apiPaths = collectApiPathMethods(app);
  await registerSecurityHeaders(app, { isBehindTls: deps.config.isBehindTls });
  await app.register(cookie);
  await registerOpenApi(app);
  // before authentication, so that its refusals carry the header too
  registerNoStore(app);
  await registerAuthentication(app, deps);
  await app.register(async (api) => registerApiRoutes(api, deps), { prefix: '/api' });
  await registerWebApp(app, deps.webRoot, apiPaths.methodsAt);
  return app;
}

function proxyTrust(trustedProxies: readonly string[]): (address: string, hop: number) => boolean {
  const isTrustedProxy = trustedProxyCheck(trustedProxies);
  return (address, hop) => hop === 0 && isTrustedProxy(address);
}
