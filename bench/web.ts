/**
 * The staff web app on a 1M-customer store (issue 5): time to the first
 * dashboard view (home key figures on screen) and to the customer list's first
 * page, then filtering by type, sorting by spend, searching by name and paging
 * deep — in headless Chromium against the real server (`clientele serve` in its
 * own process), with the API calls behind each view timed by the client and by
 * the server. Each figure is the best / median of --repeat runs, printed beside
 * same-run baselines: `select count(*) from customer` on the same store, a
 * static file from the same server, and GET /api/health.
 *
 *   npm run bench:web -- [--rebuild] [--customers 1000000] [--orders-per-customer 11] [--repeat 5]
 *                        [--database clientele_bench_web] [--embedded [directory]] [--only-embedded] [--skip-browser]
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the store lives in its
 *   own database (--database), built once and reused while it holds the same size (--rebuild to start again).
 *
 * With --embedded the same store is also built in an embedded (PGlite)
 * directory (default /tmp/clientele-bench-web-pglite) and measured the same way.
 */
import { existsSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openStore } from '../src/db/client.js';
import { prepareEmbeddedStore, prepareServerStore, type FillMarker } from './lib/web-store.js';
import { buildWebIfNeeded, startServer, type RunningServer } from './lib/web-server.js';
import { measureDeepPaging, measureGet, signInByApi, type ApiFigure } from './lib/web-api.js';
import { BrowserBench, type BrowserFigure } from './lib/web-browser.js';
import { formatMs, formatSummary, summarise, timed, type Summary } from './lib/web-timing.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => { const index = args.indexOf(`--${name}`); return index >= 0 && args[index + 1] && !args[index + 1].startsWith('--') ? args[index + 1] : fallback; };
const has = (name: string) => args.includes(`--${name}`);
const spec = { customers: Number(option('customers', '1000000')), ordersPerCustomer: Number(option('orders-per-customer', '11')) };
const repeat = Number(option('repeat', '5'));
const database = option('database', 'clientele_bench_web');
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const embeddedDirectory = has('embedded') || has('only-embedded') ? option('embedded', '/tmp/clientele-bench-web-pglite') : null;
const browserExecutable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const log = (line: string) => console.log(line);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

async function countBaseline(target: string): Promise<Summary> {
  const store = await openStore(target);
  try {
    await sql`select count(*) from customer`.execute(store.db);
    const times: number[] = [];
    for (let run = 0; run < repeat; run += 1) times.push((await timed(() => sql`select count(*) from customer`.execute(store.db)))[1]);
    return summarise(times);
  } finally {
    await store.close();
  }
}

/** A small file from the built app, served by the same server: the floor of any page load. */
function staticAssetPath(): string {
  const assets = fileURLToPath(new URL('../dist/web/assets/', import.meta.url));
  const css = existsSync(assets) ? readdirSync(assets).find((name) => name.endsWith('.css')) : undefined;
  return css ? `/assets/${css}` : '/index.html';
}

type ApiPlan = { types: string[]; search: string; email: string | null; phone: string | null };

/** Each figure is printed as soon as it is measured: a slow store makes this part long. */
async function apiFigures(server: RunningServer, plan: ApiPlan, count: Summary): Promise<ApiFigure[]> {
  const cookie = await signInByApi(server);
  const figures: ApiFigure[] = [];
  const report = (figure: ApiFigure) => { figures.push(figure); printApiLine(figure, count); };
  const get = async (label: string, path: string) => { const figure = await measureGet(server, cookie, label, path, repeat); report(figure); return figure.body; };
  log(`\n  API (best / median of ${repeat}; deep paging of up to 3 walks)       client          server   ÷ count(*) best`);
  await get('baseline: GET /api/health', '/api/health');
  for (const days of [7, 30, 90, 365]) await get(`home: summary, last ${days} days vs previous`, `/api/reports/summary?days=${days}`);
  await get('home: customers by type', '/api/reports/types');
  await get('home: open alerts', '/api/alerts?status=open&limit=10');
  await get('home: recent imports', '/api/imports?limit=5');
  await get('app start: /api/auth/me', '/api/auth/me');
  await get('app start: /api/openapi.json', '/api/openapi.json');
  const list = (query: string) => `/api/customers?limit=100&${query}`;
  await get('list: first page, newest first', list('sort=recent'));
  for (const sort of ['revenue', 'last_purchase', 'name']) await get(`list: sort by ${sort}`, list(`sort=${sort}`));
  for (const type of plan.types) await get(`list: type = ${type}`, list(`sort=recent&type=${type}`));
  await get('list: type = vip, sort by spend', list('sort=revenue&type=vip'));
  await get('list: RFM segment Champions', list('sort=recent&rfmSegment=Champions'));
  await get('list: status lead', list('sort=recent&status=lead'));
  await get('list: channel marketplace, sort by spend', list('sort=revenue&channel=marketplace'));
  await get('list: city Bandung', list('sort=recent&city=Bandung'));
  await get('list: min spend 20,000,000', list('sort=recent&minRevenueMinor=20000000'));
  await get(`list: search "${plan.search}"`, list(`sort=recent&q=${encodeURIComponent(plan.search)}`));
  await get(`list: search "${plan.search}", sort by spend`, list(`sort=revenue&q=${encodeURIComponent(plan.search)}`));
  await get('list: search "budi santoso"', list(`sort=name&q=${encodeURIComponent('budi santoso')}`));
  if (plan.email) await get('list: search an exact email', list(`sort=recent&q=${encodeURIComponent(plan.email)}`));
  if (plan.phone) await get('list: search an exact phone', list(`sort=recent&q=${encodeURIComponent(plan.phone)}`));
  // the total the list page asks for beside its first page
  await get('count: everyone', '/api/customers/count');
  await get('count: status lead', '/api/customers/count?status=lead');
  await get('count: type = regular', '/api/customers/count?type=regular');
  await get('count: channel marketplace', '/api/customers/count?channel=marketplace');
  await get('count: city Bandung', '/api/customers/count?city=Bandung');
  await get(`count: search "${plan.search}"`, `/api/customers/count?q=${encodeURIComponent(plan.search)}`);
  const deepRepeat = Math.max(1, Math.min(repeat, 3));
  for (const [label, query] of [['deep paging, newest first', 'sort=recent'], ['deep paging, by spend', 'sort=revenue'], ['deep paging, by name', 'sort=name'], ['deep paging, type = regular', 'sort=recent&type=regular']] as const) {
    for (const figure of await measureDeepPaging(server, cookie, label, `limit=100&${query}`, 200, [1, 10, 100, 200], deepRepeat)) report(figure);
  }
  return figures;
}

async function planFor(target: string): Promise<ApiPlan> {
  const store = await openStore(target);
  try {
    const types = await sql<{ type: string; customers: number }>`
      select t.type, count(*)::int as customers from customer_type c cross join lateral unnest(c.types) t(type) group by 1 order by 2 desc`.execute(store.db);
    log(`  customers per type: ${types.rows.map((row) => `${row.type} ${row.customers.toLocaleString('en')}`).join(', ')}`);
    const sample = await sql<{ email: string | null; phone: string | null }>`select email, phone from customer where customer_id = 123452`.execute(store.db);
    return { types: types.rows.map((row) => row.type), search: 'Budi', email: sample.rows[0]?.email ?? null, phone: sample.rows[0]?.phone ?? null };
  } finally {
    await store.close();
  }
}

function printApiLine(figure: ApiFigure, count: Summary): void {
  const ratio = Number.isFinite(figure.server.best) ? (figure.server.best / count.best).toFixed(1) : '—';
  log(`    ${figure.label.padEnd(58)} ${formatSummary(figure.client).padStart(17)} ${formatSummary(figure.server).padStart(17)}   ${ratio.padStart(6)}×${figure.note ? `  (${figure.note})` : ''}`);
}

function printBrowser(figures: BrowserFigure[], staticLoad: Summary): void {
  log(`\n  Browser (headless Chromium, 1366×900; best / median of ${repeat} visits, each in a fresh profile)`);
  for (const figure of figures) {
    const behind = [...figure.requests.entries()].map(([path, times]) => `${path} ${formatMs(summarise(times).median)}`).join(', ');
    const ratio = figure.label.startsWith('baseline') ? '' : `  = ${(figure.wall.best / staticLoad.best).toFixed(1)}× static`;
    log(`    ${figure.label.padEnd(62)} ${formatSummary(figure.wall).padStart(17)}${ratio}`);
    if (behind) log(`        server (median): ${behind}`);
  }
}

async function benchStore(kind: 'server' | 'embedded', target: string, marker: FillMarker, reused: boolean): Promise<void> {
  const built = reused ? 'reused' : 'built now';
  log(`\n=== ${kind} store ${kind === 'server' ? `(database ${database})` : `(${target})`}: ${marker.customers.toLocaleString('en')} customers, ${marker.orders.toLocaleString('en')} orders, as of ${marker.asOf} — ${built}; build times (s): ${JSON.stringify(marker.buildSeconds)}`);
  const plan = await planFor(target);
  const countBefore = await countBaseline(target);
  log(`  baseline select count(*) from customer: ${formatSummary(countBefore)} (best / median)   load ${load()}`);
  buildWebIfNeeded();
  const server = await startServer(target, { log: (line) => log(`  ${line}`) });
  try {
    await apiFigures(server, plan, countBefore);
    if (kind === 'server') log(`  baseline select count(*) from customer (server running, after the API part): ${formatSummary(await countBaseline(target))}   load ${load()}`);
    if (has('skip-browser')) return;
    if (!existsSync(browserExecutable)) {
      log(`  browser part skipped: ${browserExecutable} is missing`);
      return;
    }
    const browser = await BrowserBench.open(server, browserExecutable);
    try {
      for (let visit = 0; visit < repeat; visit += 1) await browser.runVisit({ staticPath: staticAssetPath(), type: 'vip', search: 'Budi', deepPages: 10 });
    } finally {
      await browser.close();
    }
    const figures = browser.figures();
    printBrowser(figures, figures.find((figure) => figure.label.startsWith('baseline'))!.wall);
    log(`  load average at the end: ${load()}`);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  log(`bench/web: ${spec.customers.toLocaleString('en')} customers × ${spec.ordersPerCustomer} orders drawn; repeat ${repeat}; load average ${load()}`);
  const rebuild = has('rebuild');
  if (!has('only-embedded')) {
    const server = await prepareServerStore(adminUrl, database, spec, { rebuild, log });
    await benchStore('server', server.url, server.marker, server.reused);
  }
  if (embeddedDirectory) {
    const embedded = await prepareEmbeddedStore(embeddedDirectory, spec, { rebuild, log });
    await benchStore('embedded', embeddedDirectory, embedded.marker, embedded.reused);
  }
}

await main();
