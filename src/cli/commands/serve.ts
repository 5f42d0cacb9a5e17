import type { Command } from 'commander';
import { serve } from '../../server/serve.js';

export function registerServeCommand(program: Command): void {
  program.command('serve')
    .description('start the server (web app and API); migrates the store and loads the demo when it is empty')
    .option('--port <port>', 'port to listen on (default PORT or 3000)', (v) => Number(v))
    .option('--host <host>', 'address to listen on (default HOST or 127.0.0.1)')
    .option('--no-demo', 'do not load the demo store into an empty store')
    .action(async (options: { port?: number; host?: string; demo: boolean }, command: Command) => {
      const { db } = command.optsWithGlobals<{ db?: string }>();
      const server = await serve({ db, port: options.port, host: options.host, demo: options.demo });
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
