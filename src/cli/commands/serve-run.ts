import type { LogLevel } from '../../core/config.js';
import { startServer, startUpBanner } from '../../server/start-server.js';

/** `demo`: undefined unless --demo or --no-demo was given (start-server.ts says what each does). */
export type ServeCommandOptions = { db?: string; port?: number; host?: string; demo?: boolean; logLevel?: LogLevel; json: boolean };

/**
 * Runs the server until SIGINT or SIGTERM. Under --json stdout carries JSON lines only: the start-up
 * facts as one object on one line, what a script waits for (`… | head -n 1 | jq -r .url`), and
 * pino's logs go to stderr, so nothing a log says can break the reader.
 */
export async function runServe(options: ServeCommandOptions): Promise<void> {
  const server = await startServer({ db: options.db, port: options.port, host: options.host, demo: options.demo, logLevel: options.logLevel, logDestination: options.json ? 2 : 1 });
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  // before the line that says it listens: a script that stops the server as soon as it reads it is heard
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(options.json ? `${JSON.stringify({ event: 'listening', ...server.facts })}\n` : startUpBanner(server.facts));
}
