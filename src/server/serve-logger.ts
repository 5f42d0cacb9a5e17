import { isatty } from 'node:tty';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from '../core/config.js';

/**
 * The server's logger: pino's JSON lines on `destination` (1 stdout, 2 stderr; a stream in tests). With a level chosen
 * (LOG_LEVEL, `serve --log-level`) it logs everything at that level, each request's lines included,
 * as production's log collectors expect. Without one it logs at info, and on an interactive console
 * leaves out the request loggers' info lines (Fastify's "incoming request", "request completed"):
 * hundreds of them in a short session scrolled the URL and the one-time password away. Warnings,
 * errors (a failed request's among them) and the start-up lines stay.
 */
export function createServeLogger(options: { level: LogLevel | null; destination: 1 | 2 | DestinationStream; isConsole?: boolean }): Logger {
  const { destination } = options;
  const isConsole = options.isConsole ?? (typeof destination === 'number' && isatty(destination));
  const hidesRequestLines = options.level === null && isConsole;
  return pino({
    level: options.level ?? 'info',
    serializers: { req: loggedRequest },
    ...(hidesRequestLines ? {
      hooks: {
        logMethod(args, method, level) {
          // a request's logger is Fastify's child bound to its request id
          if (level <= pino.levels.values.info && 'reqId' in this.bindings()) return;
          method.apply(this, args);
        },
      },
    } : {}),
  }, typeof destination === 'number' ? pino.destination(destination) : destination);
}

/**
 * Query values are the caller's data: a customer search (`?q=`) or a look-up (`?value=`) is an email
 * address or a phone number, which has no place in a log kept longer and read by more people than the
 * store. A request's line keeps its path and the names of its query keys; only the values of keys
 * that never hold a person's data are kept, so a slow or failing call can still be told apart.
 */
const harmlessQueryKeys = new Set(['limit', 'sort', 'order', 'direction', 'kind', 'asOf', 'from', 'to', 'period']);
const redacted = '[redacted]';
// a key is a name the API reads; anything else in its place (`?someone@example.org`) is data too
const keyName = /^[A-Za-z][A-Za-z0-9_.[\]-]{0,40}$/;
// what those keys take (a number, a word, a date); a value typed wrong in their place (an address) is left out too
const harmlessValue = /^[A-Za-z0-9_.:-]{0,40}$/;

/**
 * A path is data too where a caller put a person's identity in an id's place (`/api/customers/dewi@example.id`,
 * `/api/customers/%2B6281255501234/timeline`): the route answers 400 or 404, but the line would keep the
 * address. Each segment of a matched route's path is read against the route (`request.routeOptions.url`,
 * `/api/customers/:customerId`): the route's own words stay, and a parameter stays when it is an id (a
 * number of up to 9 digits without a leading zero, since a large store's ids reach the millions), a currency
 * code (`EUR`) or a word the route's schema lists (`/api/ingest/orders`); anything else in a parameter's
 * place is `[redacted]`. So a phone number as it is written (a leading 0, a `+`, a country code: 10 digits
 * or more) goes, but one shortened to its local 8 or 9 digits without the 0 (a Latvian mobile, an
 * Indonesian one without its 0) cannot be told from an id and stays. A path no route matched (a 404, the web app's files) keeps its
 * segments but those that look like an identity: an `@` (or `%40`), a `+` (or `%2B`) before digits, or 7 or
 * more digits in a row, spaces, dashes, dots and brackets left out (a phone number, however written).
 */
export type LoggedRoute = { url?: string; listedValues?: (param: string) => readonly string[] | undefined };

const plainId = /^[1-9]\d{0,8}$/;
const currencyCode = /^[A-Z]{3}$/;
// an address, an international number, or 7 digits in a row once a number's spaces, dashes, dots and brackets are left out
const looksLikeIdentity = (segment: string): boolean => {
  const text = safePathDecode(segment);
  return /@|\+\s*\(?\d/.test(text) || /\d{7}/.test(text.replace(/[\s().-]/g, ''));
};

export function loggedUrl(url: string, route: LoggedRoute = {}): string {
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const loggedPath = loggedPathOf(path, route);
  if (queryStart === -1) return loggedPath;
  const query = url.slice(queryStart + 1).split('&').filter(Boolean).map((pair) => {
    const separator = pair.indexOf('=');
    const key = safeDecode(separator === -1 ? pair : pair.slice(0, separator));
    if (!keyName.test(key)) return redacted;
    if (separator === -1) return key;
    const value = pair.slice(separator + 1);
    return `${key}=${harmlessQueryKeys.has(key) && harmlessValue.test(value) ? value : redacted}`;
  });
  return `${loggedPath}?${query.join('&')}`;
}

function loggedPathOf(path: string, route: LoggedRoute): string {
  const pattern = route.url?.split('/') ?? [];
  let isPastPattern = route.url === undefined;
  return path.split('/').map((segment, index) => {
    const part = isPastPattern ? undefined : pattern[index];
    if (part === undefined || part.includes('*')) {
      isPastPattern = true;
      return looksLikeIdentity(segment) ? redacted : segment;
    }
    if (!part.includes(':')) return segment.toLowerCase() === part.toLowerCase() ? segment : redacted;
    const value = safePathDecode(segment);
    const listed = part.startsWith(':') ? route.listedValues?.(part.slice(1)) : undefined;
    return plainId.test(value) || currencyCode.test(value) || (listed?.includes(value) ?? false) ? segment : redacted;
  }).join('/');
}

/** A path segment as its route reads it: percent-decoded, a `+` kept as a plus. */
function safePathDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

type LoggedRequest = {
  method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number };
  // Fastify's request; absent on a bare IncomingMessage
  routeOptions?: { url?: string; schema?: { params?: unknown } };
};

/** Fastify's request serializer, the URL told by loggedUrl against the route the request matched. */
function loggedRequest(request: LoggedRequest): Record<string, unknown> {
  let route: LoggedRoute = {};
  try {
    const options = request.routeOptions;
    route = { url: options?.url, listedValues: (param) => listedValuesOf(options?.schema?.params, param) };
  } catch {
    // a request Fastify has not routed: read as unmatched
  }
  return { method: request.method, url: loggedUrl(request.url, route), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}

/** The values a route's zod params schema lists for a parameter (`z.enum([...])`), if it lists any. */
function listedValuesOf(params: unknown, param: string): readonly string[] | undefined {
  const shape = (params as { shape?: Record<string, unknown> } | undefined)?.shape;
  const schema = shape?.[param] as { options?: unknown } | undefined;
  const options = schema?.options;
  return Array.isArray(options) && options.every((option) => typeof option === 'string') ? options : undefined;
}
