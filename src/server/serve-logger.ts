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

export function loggedUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return url;
  const query = url.slice(queryStart + 1).split('&').filter(Boolean).map((pair) => {
    const separator = pair.indexOf('=');
    const key = safeDecode(separator === -1 ? pair : pair.slice(0, separator));
    if (!keyName.test(key)) return redacted;
    if (separator === -1) return key;
    const value = pair.slice(separator + 1);
    return `${key}=${harmlessQueryKeys.has(key) && harmlessValue.test(value) ? value : redacted}`;
  });
  return `${url.slice(0, queryStart)}?${query.join('&')}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

type LoggedRequest = { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } };

/** Fastify's request serializer, the URL told by loggedUrl. */
function loggedRequest(request: LoggedRequest): Record<string, unknown> {
  return { method: request.method, url: loggedUrl(request.url), host: request.host, remoteAddress: request.ip, remotePort: request.socket?.remotePort };
}
