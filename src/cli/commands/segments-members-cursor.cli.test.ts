import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { signInAs } from '../../../test/helpers/auth.js';
import { fixedClock } from '../../core/clock.js';
import { encodeCursor } from '../../core/cursor.js';
import { ingestRecords } from '../../ingest/ingest-batch.service.js';
import { buildApp } from '../../server/app.js';
import { shownValue } from '../usage-errors.js';

// `segments members --after` takes the cursor GET /api/segments/:id/members gives and takes, not a bare customer id.
describeEachCliStore('clientele segments members --after: the API\'s cursor', (context) => {
  const json = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, ['--json', ...args]);
    if (result.error) throw result.error;
    return JSON.parse(result.stdout);
  };
  const refusal = async (...args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    expect({ args, exitCode: result.exitCode, stdout: result.stdout }).toEqual({ args, exitCode: 1, stdout: '' });
    return result.stderr;
  };
  /** GET /api/segments/:id/members on the same store, as the web app and an API client page it. */
  const apiPage = (segmentId: number, query: string) => context.withStore(async (store) => {
    const app = await buildApp({ store, config: { isBehindTls: false }, clock: fixedClock('2026-07-01T00:00:00Z') });
    try {
      const admin = await signInAs(store, 'admin');
      const response = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members?${query}`, headers: admin.readHeaders });
      return { status: response.statusCode, body: response.json() };
    } finally {
      await app.close();
    }
  });

  it('pages with the cursor the API gives, and the API takes the one the CLI gives', async () => {
    await context.withStore(async (store) => {
      await ingestRecords(store.db, 'customers', ['A', 'B', 'C', 'D', 'E'].map((id) => ({ customer_id: id, name: `Customer ${id}`, city: 'Liepāja' })), { actor: 'test', clock: fixedClock('2026-07-01T00:00:00Z') });
    });
    const { segment } = await json('segments', 'create', 'Liepaja', '--filter', '{"field": "city", "op": "eq", "value": "Liepāja"}');
    const first = await json('segments', 'members', 'Liepaja', '--limit', '2');
    const api = await apiPage(segment.segment_id, 'limit=2');
    expect(api.status).toBe(200);
    // the same envelope as the API's page: its items, its next and its nextCursor
    expect(first.nextCursor).toBe(api.body.nextCursor);
    expect(first.next).toBe(api.body.next);
    expect(first.items.map((m: { customer_id: number }) => m.customer_id)).toEqual(api.body.items.map((m: { customer_id: number }) => m.customer_id));

    // the CLI's cursor given to the API, and the API's next cursor given back to the CLI
    const second = await apiPage(segment.segment_id, `limit=2&cursor=${first.nextCursor}`);
    expect(second.status).toBe(200);
    const third = await json('segments', 'members', String(segment.segment_id), '--limit', '2', '--after', second.body.nextCursor);
    const ids = [...first.items, ...second.body.items, ...third.items].map((m: { customer_id: number }) => m.customer_id);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect(third.nextCursor).toBeNull();
  }, 180_000);

  it('refuses a bare customer id, a forged cursor and another list\'s, naming --after and what to give', async () => {
    await context.withStore(async (store) => {
      await ingestRecords(store.db, 'customers', ['F', 'G', 'H'].map((id) => ({ customer_id: id, name: `Customer ${id}`, city: 'Cēsis' })), { actor: 'test', clock: fixedClock('2026-07-01T00:00:00Z') });
    });
    const { segment } = await json('segments', 'create', 'Cesis', '--filter', '{"field": "city", "op": "eq", "value": "Cēsis"}');
    const { next, nextCursor } = await json('segments', 'members', 'Cesis', '--limit', '1');
    const what = 'Give the cursor printed under the previous page ("more: --after …"; nextCursor in --json), or leave --after out to start at the first member.';

    // the customer id the old --after took, which `next` still names
    expect(await refusal('segments', 'members', 'Cesis', '--after', String(next)))
      .toContain(`error PAGINATION_CURSOR_INVALID: --after: ${next} is a customer id, not a cursor. ${what}`);
    expect(await refusal('segments', 'members', 'Cesis', '--after', 'abc')).toContain(`--after: abc is not a cursor of this segment's members. ${what}`);
    // well formed, but for another segment's members, and for another list
    const otherSegment = encodeCursor(null, next, `segment-members:${segment.segment_id + 1}`);
    expect(await refusal('segments', 'members', 'Cesis', '--after', otherSegment)).toContain(`--after: ${shownValue(otherSegment)} is not a cursor of this segment's members. ${what}`);
    expect(await refusal('segments', 'members', 'Cesis', '--after', encodeCursor(null, next, 'persona-members:1'))).toContain('error PAGINATION_CURSOR_INVALID: --after:');
    // as JSON with --json, as the API's error
    const refusedJson = await runCliInProcess(context.db, ['--json', 'segments', 'members', 'Cesis', '--after', String(next)]);
    expect(refusedJson.exitCode).toBe(1);
    expect(refusedJson.error).toMatchObject({ code: 'PAGINATION_CURSOR_INVALID', details: { field: '--after' } });

    // --csv takes the same cursor, and a refused one leaves no file behind
    const file = join(tmpdir(), `clientele-members-after-${process.pid}-${Date.now()}.csv`);
    try {
      expect(await refusal('segments', 'members', 'Cesis', '--csv', file, '--after', String(next))).toContain(`--after: ${next} is a customer id, not a cursor.`);
      expect(existsSync(file)).toBe(false);
      const written = await json('segments', 'members', 'Cesis', '--csv', file, '--after', nextCursor);
      expect(written.members).toBe(2);
    } finally {
      await rm(file, { force: true });
    }
  }, 180_000);
});
