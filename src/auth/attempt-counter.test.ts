import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createScratchSchema } from '../db/scratch-schema.js';
import { createTestStore } from '../../test/helpers/stores.js';
import { createAttemptCounter, secondsLeftInWindow } from './attempt-limiter.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const windowMs = 60_000;
const start = new Date('2026-03-02T09:00:00Z');
const later = (ms: number) => new Date(start.getTime() + ms);

describe.skipIf(!serverUrl)('attempt counter on a server store served by two processes', () => {
  // two stores on one database, each with its own pool: what two server processes hold
  let first: Store;
  let second: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await createScratchSchema(serverUrl!, 'test');
    drop = scratch.drop;
    first = await openStore(scratch.url);
    await migrate(first);
    second = await openStore(scratch.url);
  }, 240_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await drop?.();
  });

  it('shares the count between processes, so attempts alternating between them are refused at the limit', async () => {
    const inFirst = createAttemptCounter(first, { name: 'alternating', max: 3, windowMs });
    const inSecond = createAttemptCounter(second, { name: 'alternating', max: 3, windowMs });
    const outcomes = [];
    for (let attempt = 0; attempt < 6; attempt += 1) outcomes.push(await (attempt % 2 === 0 ? inFirst : inSecond).attempt('key', start));
    expect(outcomes.map(({ count, isAllowed, isFirstRefusal }) => ({ count, isAllowed, isFirstRefusal }))).toEqual([
      { count: 1, isAllowed: true, isFirstRefusal: false },
      { count: 2, isAllowed: true, isFirstRefusal: false },
      { count: 3, isAllowed: true, isFirstRefusal: false },
      { count: 4, isAllowed: false, isFirstRefusal: true },
      { count: 5, isAllowed: false, isFirstRefusal: false },
      { count: 6, isAllowed: false, isFirstRefusal: false },
    ]);
    expect(outcomes.every((outcome) => outcome.windowStart.getTime() === start.getTime())).toBe(true);
  });

  it('gives each of many simultaneous attempts its own count, and exactly one the first refusal', async () => {
    const counters = [first, second].map((store) => createAttemptCounter(store, { name: 'simultaneous', max: 10, windowMs }));
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, index) => counters[index % 2].attempt('key', start)));
    expect(outcomes.map((outcome) => outcome.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
    expect(outcomes.filter((outcome) => outcome.isAllowed)).toHaveLength(10);
    expect(outcomes.filter((outcome) => outcome.isFirstRefusal)).toHaveLength(1);
  });

  it('starts a new window once the last has ended, for either process, and says how long a window has left', async () => {
    const inFirst = createAttemptCounter(first, { name: 'windows', max: 1, windowMs });
    const inSecond = createAttemptCounter(second, { name: 'windows', max: 1, windowMs });
    expect((await inFirst.attempt('key', start)).isAllowed).toBe(true);
    const refused = await inSecond.attempt('key', later(59_001));
    expect([refused.isAllowed, refused.isFirstRefusal, secondsLeftInWindow(refused, windowMs, later(59_001))]).toEqual([false, true, 1]);
    const next = await inSecond.attempt('key', later(60_000));
    expect([next.count, next.isAllowed, next.windowStart.getTime()]).toEqual([1, true, later(60_000).getTime()]);
    expect(secondsLeftInWindow(next, windowMs, later(60_000))).toBe(60);
    expect((await inFirst.attempt('key', later(60_500))).isFirstRefusal).toBe(true);
  });

  it('keeps limits and keys apart, and stores a digest of the key, never the email or the address', async () => {
    const byEmail = createAttemptCounter(first, { name: 'digest-email', max: 1, windowMs });
    const byAddress = createAttemptCounter(first, { name: 'digest-address', max: 1, windowMs });
    const email = 'private.person@shop.example';
    expect((await byEmail.attempt(JSON.stringify([email, '203.0.113.77']), start)).count).toBe(1);
    expect((await byAddress.attempt(JSON.stringify([email, '203.0.113.77']), start)).count).toBe(1);
    expect((await byEmail.attempt(JSON.stringify([email, '203.0.113.78']), start)).count).toBe(1);
    const rows = await first.db.selectFrom('attempt_window').select('key').where('key', 'like', 'digest-%').execute();
    expect(rows).toHaveLength(3);
    for (const { key } of rows) {
      expect(key).toMatch(/^digest-(email|address):[A-Za-z0-9_-]{43}$/);
      expect(key).not.toContain('private');
      expect(key).not.toContain('203.0.113');
    }
  });

  it('deletes a limit\'s ended windows as it goes, so the table does not grow with every key ever counted', async () => {
    const counter = createAttemptCounter(first, { name: 'sweep', max: 5, windowMs });
    for (let key = 0; key < 20; key += 1) await counter.attempt(`caller ${key}`, start);
    const other = createAttemptCounter(first, { name: 'sweep-other', max: 5, windowMs });
    await other.attempt('caller', start);
    const rowsOf = async (prefix: string) => (await first.db.selectFrom('attempt_window').select('key').where('key', 'like', `${prefix}:%`).execute()).length;
    expect(await rowsOf('sweep')).toBe(20);
    await counter.attempt('caller 0', later(30_000));
    expect(await rowsOf('sweep')).toBe(20);
    await counter.attempt('a new caller', later(2 * windowMs));
    expect(await rowsOf('sweep')).toBe(1);
    // another limit's windows are its own to delete
    expect(await rowsOf('sweep-other')).toBe(1);
  });
});

describe('attempt counter on the embedded store', () => {
  let store: Store;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ store, dispose } = await createTestStore('embedded'));
  }, 240_000);
  afterAll(async () => dispose?.());

  it('counts in memory, writing nothing to the store, and refuses past the limit', async () => {
    const counter = createAttemptCounter(store, { name: 'embedded', max: 2, windowMs });
    const outcomes = [];
    for (let attempt = 0; attempt < 4; attempt += 1) outcomes.push(await counter.attempt('key', start));
    expect(outcomes.map(({ count, isAllowed, isFirstRefusal }) => [count, isAllowed, isFirstRefusal])).toEqual([[1, true, false], [2, true, false], [3, false, true], [4, false, false]]);
    expect(await store.db.selectFrom('attempt_window').selectAll().execute()).toEqual([]);
  });
});
