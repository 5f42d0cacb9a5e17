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
