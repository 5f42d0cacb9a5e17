import { startServer, startUpBanner, type ServeOptions } from './start-server.js';

export type { ServeOptions } from './start-server.js';

/**
 * Starts Clientele (start-server.ts: migrates the store, creates the owner on first start, loads
 * the synthetic demo into an unused embedded store or when asked, listens) and prints the banner a person reads.
 */
export async function serve(options: ServeOptions = {}): Promise<{ close: () => Promise<void>; url: string }> {
  const server = await startServer(options);
  process.stdout.write(startUpBanner(server.facts));
  return { url: server.facts.url, close: server.close };
}
