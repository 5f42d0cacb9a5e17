/**
 * The API calls behind the home page and the customer list, timed from a
 * signed-in client (wall time) and by the server itself (its request log).
 */
import type { RunningServer } from './web-server.js';
import { benchOwnerEmail, benchOwnerPassword } from './web-server.js';
import { summarise, type Summary } from './web-timing.js';

export type ApiFigure = { label: string; path: string; client: Summary; server: Summary; note?: string };

export async function signInByApi(server: RunningServer): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: benchOwnerEmail, password: benchOwnerPassword }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie.split(';')[0];
}

type Timed = { clientMs: number; serverMs: number; body: unknown };

export async function timedGet(server: RunningServer, cookie: string, path: string): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(`${server.url}${path}`, { headers: { cookie } });
  const body = await response.json();
  const clientMs = performance.now() - started;
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(body)}`);
  const logged = await server.serverTimeOf(path, started);
  return { clientMs, serverMs: logged?.serverMs ?? Number.NaN, body };
}

/** One warm-up call (not counted), then `repeat` timed calls. */
export async function measureGet(server: RunningServer, cookie: string, label: string, path: string, repeat: number): Promise<ApiFigure & { body: unknown }> {
  let body = (await timedGet(server, cookie, path)).body;
  const client: number[] = [];
  const serverTimes: number[] = [];
  for (let run = 0; run < repeat; run += 1) {
    const result = await timedGet(server, cookie, path);
    client.push(result.clientMs);
    serverTimes.push(result.serverMs);
    body = result.body;
  }
  return { label, path, client: summarise(client), server: summarise(serverTimes), body };
}

type Page = { items: unknown[]; nextCursor: string | null };

/**
 * Follows the cursor from the first page to page `depth` and times the pages at
 * the depths in `probes` (page 1 = the first page), best and median over `repeat` walks.
 * A walk stops after `budgetMs`, so a slow sort cannot hold the whole run hostage.
 */
export async function measureDeepPaging(server: RunningServer, cookie: string, label: string, query: string, depth: number, probes: number[], repeat: number, budgetMs = 60_000): Promise<ApiFigure[]> {
  const client = new Map<number, number[]>(probes.map((probe) => [probe, []]));
  const serverTimes = new Map<number, number[]>(probes.map((probe) => [probe, []]));
  let reached = 0;
  let stoppedAt: number | null = null;
  for (let run = 0; run < repeat; run += 1) {
    let cursor: string | null = null;
    const started = performance.now();
    for (let page = 1; page <= depth; page += 1) {
      if (performance.now() - started > budgetMs) {
        stoppedAt = page - 1;
        break;
      }
      const path = `/api/customers?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const result = await timedGet(server, cookie, path);
      if (client.has(page)) {
        client.get(page)!.push(result.clientMs);
        serverTimes.get(page)!.push(result.serverMs);
      }
      reached = Math.max(reached, page);
      cursor = (result.body as Page).nextCursor;
      if (!cursor) break;
    }
  }
  return probes.filter((probe) => client.get(probe)!.length > 0).map((probe) => ({
    label: `${label}, page ${probe.toLocaleString('en')}`, path: `/api/customers?${query}`,
    client: summarise(client.get(probe)!), server: summarise(serverTimes.get(probe)!),
    note: stoppedAt !== null && stoppedAt < depth ? `walk stopped at page ${stoppedAt} after ${budgetMs / 1000} s` : reached < probe ? 'the list ended earlier' : undefined,
  }));
}
