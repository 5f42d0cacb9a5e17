/**
 * The real server for bench/web.ts: `node bin/clientele.js serve` in its own
 * process (as staff would run it), with its request log parsed for the
 * server-side time of every API request (Fastify's `responseTime`).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const benchOwnerEmail = 'owner@clientele.local';
export const benchOwnerPassword = 'bench-web-owner-password';

export type ServerRequest = { url: string; statusCode: number; serverMs: number; completedAt: number };

export type RunningServer = {
  url: string;
  /** Completed API requests in the order the server finished them. */
  requests: ServerRequest[];
  /** Server time of the latest completed request whose URL starts with `prefix`, waiting briefly for its log line. */
  serverTimeOf: (prefix: string, after: number) => Promise<ServerRequest | null>;
  startSeconds: number;
  stop: () => Promise<void>;
};

const newestModification = (path: string): number => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestModification(join(path, name))));
};

/** Builds dist/web when it is missing or older than its sources, as `npm start` does; the server itself runs from the sources. */
export function buildWebIfNeeded(): void {
  const output = join(root, 'dist/web/index.html');
  const sources = ['src/web', 'vite.config.ts'].map((path) => join(root, path));
  if (existsSync(output) && Math.max(...sources.map(newestModification)) <= statSync(output).mtimeMs) return;
  console.log('Building the web app (vite build)…');
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('building the web app failed');
}

export async function startServer(database: string, options: { log: (line: string) => void }): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/clientele.js', 'serve', '--db', database, '--port', '0', '--no-demo'], {
    cwd: root,
    env: { ...process.env, CLIENTELE_OWNER_EMAIL: benchOwnerEmail, CLIENTELE_OWNER_PASSWORD: benchOwnerPassword, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const requests: ServerRequest[] = [];
  const urlsById = new Map<string, string>();
  let errorText = '';
  child.stderr!.on('data', (chunk: Buffer) => { errorText += chunk.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening:\n${errorText.slice(-2000)}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const running = /Clientele is running at (http:\/\/\S+)/.exec(line);
      if (running) resolve(running[1]);
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { reqId?: string; req?: { url: string }; res?: { statusCode: number }; responseTime?: number; msg?: string };
      if (entry.reqId && entry.req) urlsById.set(entry.reqId, entry.req.url);
      if (entry.reqId && entry.responseTime !== undefined && entry.res) {
        const requestUrl = urlsById.get(entry.reqId) ?? '?';
        urlsById.delete(entry.reqId);
        if (requestUrl.startsWith('/api/')) requests.push({ url: requestUrl, statusCode: entry.res.statusCode, serverMs: entry.responseTime, completedAt: performance.now() });
      }
    });
  });
  const startSeconds = (performance.now() - started) / 1000;
  options.log(`server ready at ${url} after ${startSeconds.toFixed(1)} s (includes migrating the store)`);
  return {
    url,
    requests,
    startSeconds,
    serverTimeOf: async (prefix, after) => {
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const found = requests.findLast((request) => request.url.startsWith(prefix) && request.completedAt >= after);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return null;
    },
    stop: () => stopChild(child),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
