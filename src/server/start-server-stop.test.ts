import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchSchema } from '../db/scratch-schema.js';
import { startSilentProxy, type SilentProxy } from '../db/silent-proxy.js';
import { startServer, trackRequestsInFlight } from './start-server.js';

const serverUrl = process.env.TEST_DATABASE_URL;

/** The server's log lines, as pino writes them. */
function logLines(): { destination: DestinationStream; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, destination: { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>); } } };
}

describe('stopping a server with nothing in flight', () => {
  it('closes at once and cuts nothing', async () => {
    const server = await startServer({ db: 'memory://', port: 0, host: '127.0.0.1', demo: false, logLevel: 'warn', logDestination: logLines().destination });
    expect((await fetch(`${server.facts.url}/api/health`)).status).toBe(200);
    const started = Date.now();
    await expect(server.stop(5_000)).resolves.toEqual({ complete: true, cut: [] });
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});

describe('the requests in flight a stop would cut', () => {
  it('are named by method and path, with what looks like an email or a phone number in the path redacted', async () => {
    const held = createServer(() => { /* never answers: every request stays in flight */ });
    const inFlight = trackRequestsInFlight(held);
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    const { port } = held.address() as AddressInfo;
    const controller = new AbortController();
    try {
      for (const path of ['/api/customers/dewi@example.id/timeline?limit=5', '/api/customers/%2B6281255501234', '/api/customers/42']) {
        void fetch(`http://127.0.0.1:${port}${path}`, { signal: controller.signal }).catch(() => null);
      }
      await expect.poll(() => inFlight.list().length, { timeout: 5_000 }).toBe(3);
      expect(inFlight.list().sort()).toEqual(['GET /api/customers/42', 'GET /api/customers/[redacted]', 'GET /api/customers/[redacted]/timeline']);
    } finally {
      controller.abort();
      held.closeAllConnections();
      await new Promise<void>((resolve) => held.close(() => resolve()));
    }
  });
});

// Only a server store's database can stop answering while the process runs on.
describe.skipIf(!serverUrl)('stopping a server whose database has stopped answering', () => {
  let proxy: SilentProxy;
  let drop: () => Promise<void>;
  afterAll(async () => {
    // ends the connections that got no answer, and with them what still waited on them
    await proxy?.close();
    await drop?.();
  });

  it('gives the request in flight until the deadline, then stops, logging the request it cut', async () => {
    const scratch = await createScratchSchema(serverUrl!, 'test_stop');
    drop = scratch.drop;
    proxy = await startSilentProxy(scratch.url);
    const logs = logLines();
    const server = await startServer({ db: proxy.url, port: 0, host: '127.0.0.1', demo: false, logLevel: 'info', logDestination: logs.destination });
    proxy.setSilent(true);
    const hung = fetch(`${server.facts.url}/api/health`).catch(() => null);
    await expect.poll(() => logs.lines.some((line) => line.msg === 'incoming request'), { timeout: 5_000 }).toBe(true);
    const started = Date.now();
    const { complete, cut } = await server.stop(1_000);
    expect(complete).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(cut).toEqual(['GET /api/health']);
    expect(logs.lines.find((line) => String(line.msg).startsWith('Stopped at the shutdown deadline'))).toMatchObject({ level: 50, cut: ['GET /api/health'], deadlineSeconds: 1 });
    proxy.setSilent(false);
    await proxy.close();
    await hung;
  }, 60_000);
});
