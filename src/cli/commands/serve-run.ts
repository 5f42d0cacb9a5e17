import type { LogLevel } from '../../core/config.js';
import { exitCodes } from '../exit-codes.js';
import { startServer, startUpBanner, type StartUpFacts } from '../../server/start-server.js';
import { unfinishedDemoLoadLines } from '../../demo/unfinished-load.js';

/** `demo`: undefined unless --demo or --no-demo was given (start-server.ts says what each does). */
export type ServeCommandOptions = { db?: string; port?: number; host?: string; demo?: boolean; demoCustomers?: number; logLevel?: LogLevel; json: boolean };

/**
 * How long a stopping server lets the requests in flight finish. A request waiting on a database
 * that never answers held a SIGTERM off for minutes; a supervisor's own grace period (Kubernetes:
 * 30 s) should not be what ends it, without a word of what was cut.
 */
export const shutdownDeadlineMillis = 10_000;

/**
 * Runs the server until SIGINT or SIGTERM. Under --json stdout carries JSON lines only: the start-up
 * facts as one object on one line, what a script waits for (`… | head -n 1 | jq -r .url`), and
 * pino's logs go to stderr, so nothing a log says can break the reader.
 */
export async function runServe(options: ServeCommandOptions): Promise<void> {
  const server = await startServer({ db: options.db, port: options.port, host: options.host, demo: options.demo, demoCustomers: options.demoCustomers, logLevel: options.logLevel, logDestination: options.json ? 2 : 1 });
  // a second signal has its default effect: the process ends at once
  const stop = async () => {
    const { complete } = await server.stop(shutdownDeadlineMillis).catch((error: unknown) => {
      process.stderr.write(`Stopping failed: ${(error as Error)?.message ?? error}\n`);
      return { complete: false };
    });
    process.exit(complete ? exitCodes.success : exitCodes.failure);
  };
  // before the line that says it listens: a script that stops the server as soon as it reads it is heard
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const facts = withUnfinishedDemoLoad(server.facts);
  process.stdout.write(options.json ? `${JSON.stringify({ event: 'listening', ...facts })}\n` : startUpBanner(facts));
}

/**
 * A store whose demo load stopped part-way (startServer's `interruptedLoad`: a killed `demo load`,
 * or a first start killed while it loaded the synthetic demo) holds part of that demo or data set,
 * and its reports are incomplete: presented as it stands, it read as "holds no data yet", or as a
 * complete data set, or as the store's own data. Say so, and the command that finishes it.
 */
export function withUnfinishedDemoLoad(facts: StartUpFacts): StartUpFacts {
  if (facts.interruptedLoad === null) return facts;
  return { ...facts, loadData: unfinishedDemoLoadLines(facts.store, facts.interruptedLoad.dataSet) };
}
