import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

type Directives = Record<string, string[]>;

/** What every page of ours may do: nothing from elsewhere, and never be framed (clickjacking). */
const sharedDirectives: Directives = {
  'default-src': ["'self'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'connect-src': ["'self'"],
};

/**
 * The staff web app (dist/web): its scripts and style sheets are files of its own, nothing inline.
 * ECharts writes its tooltips as HTML with style attributes, so those alone are let through
 * (style-src-attr; a browser without it falls back to style-src and shows tooltips unstyled);
 * scripts never are, so an injected script still cannot run. The favicon is a data: URL. No
 * upgrade-insecure-requests: a store served over plain HTTP on a LAN would otherwise break.
 */
export const webAppDirectives: Directives = {
  ...sharedDirectives,
  'style-src': ["'self'"],
  'style-src-attr': ["'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
};

/** The API reference at /api/docs (Swagger UI): the same, with the inline style elements Swagger UI adds. */
export const apiDocsDirectives: Directives = {
  ...sharedDirectives,
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
};

export function policyText(directives: Directives): string {
  return Object.entries(directives).map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/**
 * Security headers on every answer (API, web app, docs, errors): nosniff, no framing, no referrer
 * to other sites, and a Content-Security-Policy (helmet's other defaults too: COOP, CORP, …).
 * Swagger UI replaces the policy on its own routes with `apiDocsDirectives` (see openapi.ts).
 * HSTS only behind TLS, and without includeSubDomains: other sites of the operator's domain are not ours to decide.
 */
export async function registerSecurityHeaders(app: FastifyInstance, options: { isBehindTls: boolean }): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: webAppDirectives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.isBehindTls ? { maxAge: strictTransportSecuritySeconds, includeSubDomains: false } : false,
  });
}

const strictTransportSecuritySeconds = 180 * 24 * 60 * 60;

/**
 * The same headers, for the few answers the router gives before any hook runs (a malformed
 * path: plugins/framework-errors.ts), which helmet's hook never sees. Those answers are JSON
 * errors, so the headers that matter to a browser reading them are these.
 */
export function headersBeforeRouting(options: { isBehindTls: boolean }): Record<string, string> {
  return {
    'content-security-policy': policyText(webAppDirectives),
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    ...(options.isBehindTls ? { 'strict-transport-security': `max-age=${strictTransportSecuritySeconds}` } : {}),
  };
}
