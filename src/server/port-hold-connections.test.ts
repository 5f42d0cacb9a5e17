import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { holdPort } from './port-hold.js';
import { startServer } from './start-server.js';

// A browser tab left open on the port, or `curl /api/health` while the demo loaded, connected to the
// port holder; it never ended the connection, so releasing the port waited forever and the server never listened.

const directory = mkdtempSync(join(tmpdir(), 'clientele-port-hold-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer();
  const port = await new Promise<number>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, () => resolve((server.address() as { port: number }).port)));
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A connection that never sends a byte, as a browser opens ahead of need. */
async function idleConnection(port: number): Promise<{ socket: Socket; closed: Promise<void> }> {
  const socket = connect({ port, host: '127.0.0.1' });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject); });
  return { socket, closed };
}

/** `GET path` as curl sends it: status, Retry-After and body, or a failure after `timeoutMillis`. */
function get(port: number, path: string, timeoutMillis = 5_000): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body }));
    });
    req.setTimeout(timeoutMillis, () => req.destroy(new Error(`no answer from port ${port} in ${timeoutMillis} ms`)));
    req.on('error', reject);
    req.end();
  });
}

const within = <T>(promise: Promise<T>, millis: number, what: string): Promise<T> => Promise.race([
  promise,
  new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took more than ${millis} ms`)), millis).unref()),
]);

describe('holding a port that someone connects to', () => {
  it('answers a request 503 "starting" with Retry-After, and releases promptly with an idle connection open', async () => {
    const port = await freePort();
    const held = await holdPort(port, '127.0.0.1');
    const idle = await idleConnection(port);
    const answer = await get(port, '/api/health');
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe('5');
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'SERVER_STARTING_UNAVAILABLE', message: expect.stringContaining('retry') } });
    await within(held.release(), 2_000, 'releasing the port');
    await within(idle.closed, 2_000, 'ending the idle connection');
    // the port is free again: a server can take it
    const next = createServer();
    await new Promise<void>((resolve, reject) => { next.once('error', reject); next.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve()); });
    await new Promise((resolve) => next.close(resolve));
  });
});

describe('a server started on a fixed port while a client connects during the demo load', () => {
  it('still listens, and then answers /api/health', async () => {
    const port = await freePort();
    const messages: string[] = [];
    let demoLoading!: () => void;
    const isDemoLoading = new Promise<void>((resolve) => { demoLoading = resolve; });
    const destination: DestinationStream = {
      write: (line: string) => {
        const message = String((JSON.parse(line) as { msg?: unknown }).msg);
        messages.push(message);
        if (message.includes('loading the synthetic demo store')) demoLoading();
      },
    };
    // a small demo (`serve --demo-customers`): its load still takes seconds, and the connections come at its start
    const starting = startServer({ db: join(directory, 'fresh'), port, host: '127.0.0.1', demoCustomers: 200, logLevel: 'info', logDestination: destination });
    starting.catch(() => undefined);
    await within(isDemoLoading, 120_000, 'reaching the demo load');
    // the port is held now: a tab kept open, and a health check
    const idle = await idleConnection(port);
    const answer = await get(port, '/api/health');
    expect(answer).toMatchObject({ status: 503, retryAfter: '5' });
    const server = await within(starting, 180_000, 'starting the server');
    try {
      expect(messages.some((message) => message.startsWith('Demo store loaded'))).toBe(true);
      await within(idle.closed, 2_000, 'ending the idle connection');
      expect(server.facts.url).toBe(`http://127.0.0.1:${port}`);
      expect((await get(port, '/api/health')).status).toBe(200);
    } finally {
      await server.close();
    }
  }, 300_000);
});
