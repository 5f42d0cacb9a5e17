import { InvalidArgumentError, type Command } from 'commander';
import { isLogLevel, logLevels, type LogLevel } from '../../core/log-levels.js';
import { withExamples } from '../examples.js';
import { wholeNumberIn } from '../option-values.js';
import { demoCustomers, demoCustomersRange, demoCustomersValue } from './demo.js';

export function registerServeCommand(program: Command): void {
  withExamples(program.command('serve')
    .description('start the server (web app and API); migrates the store; loads the demo into a new embedded store')
    .option('--port <port>', 'port to listen on (default PORT or 3000; 0 picks a free one)', wholeNumberIn(0, 65_535, '--port 8080'))
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .option('--demo', 'load the synthetic demo store into an unused store, a server store too (a used one is refused)')
    .option('--no-demo', 'do not load the demo store, not even into a new embedded store')
    .option('--demo-customers <n>', `size of the synthetic demo when this start loads it (${demoCustomersRange}; default ${demoCustomers.standard})`, demoCustomersValue('--demo-customers 300'))
    .option('--log-level <level>', `log at this level, each request's lines included (over LOG_LEVEL): ${logLevels.join(', ')}`, logLevelOf), [
    ['clientele serve', 'http://127.0.0.1:3000; loads the synthetic demo into a new embedded store'],
    ['clientele serve --port 8080 --host 0.0.0.0', 'reachable from other machines (put TLS in front)'],
    ['clientele --db postgres://clientele@db.internal/clientele serve', 'a PostgreSQL server: never gets the demo unasked'],
    ['clientele --db postgres://clientele@db.internal/demo serve --demo', 'the demo in a new, empty database'],
    ['clientele --db ./small serve --demo-customers 300', 'a smaller demo store, quicker to load'],
    ['clientele serve --log-level info', 'every request\'s log line on the console too (left out there by default)'],
    ['clientele --json serve --port 0', 'a free port; stdout: one JSON line (address, store, how to sign in), logs on stderr'],
  ])
    .addHelpText('after', '\n--demo-customers sizes the synthetic demo this start loads (as `demo load synthetic --customers`); a start\n'
      + 'that finishes an interrupted demo load should be given the size that load began with. No demo load: no effect.')
    .addHelpText('after', '\nA new store takes its currency, time zone and phone country from CLIENTELE_CURRENCY, CLIENTELE_TIMEZONE and\n'
      + 'CLIENTELE_DEFAULT_COUNTRY (default IDR, Asia/Jakarta, ID; the demo store brings its own). A new store for your own data:\n'
      + '  CLIENTELE_CURRENCY=EUR CLIENTELE_TIMEZONE=Europe/Riga CLIENTELE_DEFAULT_COUNTRY=LV clientele --db ./riga serve --no-demo\n'
      + 'Settings › Store (or `clientele settings set`) changes them until the store holds orders.')
    .addHelpText('after', '\nBehind a TLS-terminating reverse proxy set CLIENTELE_TLS=1 (Secure cookies, HSTS). The client address is then\n'
      + 'read from X-Forwarded-For only when the proxy connects from loopback or from CLIENTELE_TRUSTED_PROXIES\n'
      + '(addresses and CIDR ranges, comma-separated, e.g. 10.0.0.0/8,192.168.1.5); from anyone else the header is ignored.')
    .addHelpText('after', '\nWith --json, stdout carries JSON lines only: one object once the server listens,\n'
      + '  {"event":"listening","url":…,"apiReferenceUrl":…,"store":{"kind","location","data"},"signIn":{"text","email","oneTimePassword"},"setup":[…],"loadData":[…]}\n'
      + 'and the server\'s logs (pino, themselves JSON) go to stderr. Without it both go to stdout.')
    .addHelpText('after', '\nLogs are pino\'s JSON lines at LOG_LEVEL (or --log-level). Unset, the level is info and, on an interactive\n'
      + 'console, each request\'s lines are left out (warnings and errors stay); set it to have them there too.\n'
      + 'Written to a file or a pipe, as in production, the request lines are always there.')
    .action(async (options: { port?: number; host?: string; demo?: boolean; demoCustomers?: number; logLevel?: LogLevel }, command: Command) => {
      const { db, json } = command.optsWithGlobals<{ db?: string; json?: boolean }>();
      // loaded here, not at start-up: the server's modules take a second to load, which every other command would pay
      const { runServe } = await import('./serve-run.js');
      await runServe({ db, port: options.port, host: options.host, demo: options.demo, demoCustomers: options.demoCustomers, logLevel: options.logLevel, json: json === true });
    });
}

function logLevelOf(value: string): LogLevel {
  const level = value.trim().toLowerCase();
  if (!isLogLevel(level)) throw new InvalidArgumentError(`one of ${logLevels.join(', ')}, e.g. --log-level info`);
  return level;
}
