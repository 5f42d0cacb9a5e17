import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/helpers/stores.js';
import { systemClock } from '../core/clock.js';
import { loadConfig, type LogLevel } from '../core/config.js';
import type { Store } from '../db/client.js';
import { buildApp } from './app.js';
import { createServeLogger, loggedUrl } from './serve-logger.js';

// `npm start` printed 504 request lines in a short session around the sign-in banner, scrolling the
// URL and the one-time password away.
let store: Store;
let dispose: () => Promise<void>;
beforeAll(async () => ({ store, dispose } = await createTestStore('embedded')), 120_000);
afterAll(async () => dispose());

/** The messages the server logs while it answers one request, with a warning logged beside it. */
async function loggedMessages(level: LogLevel | null, isConsole: boolean): Promise<string[]> {
  const lines: string[] = [];
  const logger = createServeLogger({ level, isConsole, destination: { write: (line: string) => { lines.push(line); } } });
  const app = await buildApp({ store, config: { isBehindTls: false }, clock: systemClock, logger });
  try {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    app.log.info('Server listening at http://127.0.0.1:3000');
    app.log.warn('Embedded store maintenance failed');
  } finally {
    await app.close();
  }
  return lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
}

describe('the server\'s log', () => {
  it('leaves each request\'s lines out on a console when no level was chosen, and keeps start-up lines and warnings', async () => {
    const messages = await loggedMessages(null, true);
    expect(messages).not.toContain('request completed');
    expect(messages).not.toContain('incoming request');
    expect(messages).toEqual(expect.arrayContaining(['Server listening at http://127.0.0.1:3000', 'Embedded store maintenance failed']));
  });

  it('keeps them with a level chosen (LOG_LEVEL, --log-level), and where the log goes to a file or a pipe', async () => {
    expect(await loggedMessages('info', true)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    expect(await loggedMessages(null, false)).toEqual(expect.arrayContaining(['incoming request', 'request completed']));
    expect(await loggedMessages('warn', false)).toEqual(['Embedded store maintenance failed']);
  });

  it('reads LOG_LEVEL as a pino level, refusing another word by name', () => {
    expect(loadConfig({}).logLevel).toBeNull();
    expect(loadConfig({ LOG_LEVEL: 'Debug' }).logLevel).toBe('debug');
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"/);
  });
});

describe('a request\'s log line', () => {
  it('keeps the path and the query\'s keys, never the values that may be a person\'s data', () => {
    expect(loggedUrl('/api/customers?q=leaky.person4%40example.org&limit=50')).toBe('/api/customers?q=[redacted]&limit=50');
    expect(loggedUrl('/api/customers/lookup?kind=email&value=leaky.person4@example.org')).toBe('/api/customers/lookup?kind=email&value=[redacted]');
    expect(loggedUrl('/api/customers?cursor=eyJuYW1lIjoiQXl1In0&sort=name')).toBe('/api/customers?cursor=[redacted]&sort=name');
    // an address in a harmless key's place, or standing as a key itself, is data all the same
    expect(loggedUrl('/api/customers?limit=someone@example.org&someone%40example.org&flag')).toBe('/api/customers?limit=[redacted]&[redacted]&flag');
    expect(loggedUrl('/api/health')).toBe('/api/health');
  });

  it('is written so by the server: a customer search leaves no email address in the log', async () => {
    const lines: string[] = [];
    const logger = createServeLogger({ level: 'info', isConsole: false, destination: { write: (line: string) => { lines.push(line); } } });
    const app = await buildApp({ store, config: { isBehindTls: false }, clock: systemClock, logger });
    try {
      await app.inject({ method: 'GET', url: '/api/customers?q=leaky.person4@example.org&limit=5' });
      await app.inject({ method: 'GET', url: '/api/customers/lookup?kind=email&value=leaky.person4%40example.org' });
    } finally {
      await app.close();
    }
    const urls = lines.map((line) => (JSON.parse(line) as { req?: { url: string } }).req?.url).filter(Boolean);
    expect(urls).toEqual(['/api/customers?q=[redacted]&limit=5', '/api/customers/lookup?kind=email&value=[redacted]']);
    expect(lines.join('\n')).not.toMatch(/leaky\.person4/);
  });
});

describe('a request\'s logged path', () => {
  it('keeps no email address or phone number a caller put in an id\'s place, and keeps ids and route words', async () => {
    const lines: string[] = [];
    const logger = createServeLogger({ level: 'info', isConsole: false, destination: { write: (line: string) => { lines.push(line); } } });
    const app = await buildApp({ store, config: { isBehindTls: false }, clock: systemClock, logger });
    try {
      // the privacy review's requests: a matched route answers them 400 or 404 (or 401 unsigned)
      await app.inject({ method: 'GET', url: '/api/customers/dewi.privtest@example.id' });
      await app.inject({ method: 'GET', url: '/api/customers/%2B6281255501234/timeline' });
      await app.inject({ method: 'GET', url: '/api/customers/6281255501234/timeline?limit=5' });
      await app.inject({ method: 'GET', url: '/api/customers/42/timeline' });
      await app.inject({ method: 'POST', url: '/api/ingest/orders', payload: { records: [] } });
      // no route: only the segments that look like an identity go
      await app.inject({ method: 'GET', url: '/api/customer/dewi.privtest%40example.id/orders' });
      await app.inject({ method: 'GET', url: '/api/people/+62 812-5550-1234/v2' });
    } finally {
      await app.close();
    }
    const urls = lines.map((line) => JSON.parse(line) as { msg: string; req?: { url: string } })
      .filter((line) => line.msg === 'incoming request').map((line) => line.req?.url);
    expect(urls).toEqual([
      '/api/customers/[redacted]',
      '/api/customers/[redacted]/timeline',
      '/api/customers/[redacted]/timeline?limit=5',
      '/api/customers/42/timeline',
      '/api/ingest/orders',
      '/api/customer/[redacted]/orders',
      '/api/people/[redacted]/v2',
    ]);
    // the lines' timings are left out: a response time of 0.5855509… once matched "5550"
    const withoutTimings = lines.map((line) => JSON.stringify({ ...(JSON.parse(line) as object), time: undefined, responseTime: undefined, pid: undefined }));
    expect(withoutTimings.join('\n')).not.toMatch(/privtest|6281255501234|5550/);
  });

  it('reads a path against its route\'s pattern, or without one by what looks like an identity', () => {
    expect(loggedUrl('/api/segments/Champs/members?limit=5', { url: '/api/segments/:segmentId/members' })).toBe('/api/segments/[redacted]/members?limit=5');
    expect(loggedUrl('/api/segments/17/members', { url: '/api/segments/:segmentId/members' })).toBe('/api/segments/17/members');
    // a large store's ids stay readable; a phone number in an id's place does not
    expect(loggedUrl('/api/customers/1000001/timeline', { url: '/api/customers/:customerId/timeline' })).toBe('/api/customers/1000001/timeline');
    expect(loggedUrl('/api/customers/081255501234', { url: '/api/customers/:customerId' })).toBe('/api/customers/[redacted]');
    expect(loggedUrl('/api/settings/rates/EUR', { url: '/api/settings/rates/:currency' })).toBe('/api/settings/rates/EUR');
    expect(loggedUrl('/assets/index-3f9a.js', { url: '/*' })).toBe('/assets/index-3f9a.js');
    expect(loggedUrl('/customers/ana%40example.org', { url: '/*' })).toBe('/customers/[redacted]');
    // a phone number written with spaces, dashes or dots is one all the same
    expect(loggedUrl('/api/people/0812%205550%201234/x/0812-5550-1234/v2/2026')).toBe('/api/people/[redacted]/x/[redacted]/v2/2026');
  });
});
