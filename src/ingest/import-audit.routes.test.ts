import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { importFile } from './import-file.service.js';

describeEachStore('a finished import run in the audit log', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;
  let feed: { apiKeyId: number; headers: Record<string, string> };
  let directory: string;
  const clock = fixedClock('2025-01-01T00:00:00Z');

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    owner = await signInAs(context.store, 'owner');
    feed = await createTestApiKey(context.store, ['ingest'], 'shop-feed');
    directory = await mkdtemp(join(tmpdir(), 'clientele-import-audit-'));
  });
  afterAll(async () => {
    await app?.close();
    await rm(directory, { recursive: true, force: true });
  });

  const entriesOf = async (importId: number) => (await context.store.db.selectFrom('audit_event').select(['actor', 'action', 'entity', 'entity_id', 'detail'])
    .where('entity', '=', 'import_run').where('entity_id', '=', String(importId)).orderBy('audit_id').execute())
    .map((row) => ({ actor: row.actor, action: row.action, detail: row.detail }));
  const customer = (id: string) => ({ customer_id: id, email: `${id}@example.com`, name: `Secret ${id}` });

  it('records an open run its sender closed, by the key that sent it, with counts and the file name only', async () => {
    const opened = await app.inject({ method: 'POST', url: '/api/imports', headers: feed.headers, payload: { entity: 'customers', fileName: 'klienti.csv' } });
    const importId = opened.json().import_id as number;
    await app.inject({ method: 'POST', url: '/api/ingest/customers', headers: feed.headers, payload: { importId, records: [customer('A1'), customer('A2'), { customer_id: 'A3', email: 'not an email' }] } });
    expect(await entriesOf(importId)).toEqual([]);
    const closed = await app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers: feed.headers, payload: { status: 'completed', rejectedBySender: 2 } });
    expect(closed.statusCode).toBe(200);
    const expected = { actor: `api-key:${feed.apiKeyId}:shop-feed`, action: 'import.complete', detail: { entity: 'customers', file: 'klienti.csv', read: 5, inserted: 2, updated: 0, unchanged: 0, rejected: 3 } };
    expect(await entriesOf(importId)).toEqual([expected]);
    // no customer's value is in the entry
    expect(JSON.stringify(await entriesOf(importId))).not.toMatch(/Secret|example\.com|A1/);
    // a retried close answers the run again and records nothing more
    await app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers: feed.headers, payload: { status: 'completed' } });
    expect(await entriesOf(importId)).toEqual([expected]);
    // the audit log's reader finds it by its action
    const listed = await app.inject({ method: 'GET', url: '/api/audit?action=import.complete', headers: owner.readHeaders });
    expect(listed.json().items.map((item: { entityId: string }) => item.entityId)).toContain(String(importId));
  });

  it('records a run its sender gave up on as failed, and a batch that was an import of its own as completed', async () => {
    const opened = await app.inject({ method: 'POST', url: '/api/imports', headers: owner.headers, payload: { entity: 'customers' } });
    const failedId = opened.json().import_id as number;
    await app.inject({ method: 'POST', url: '/api/ingest/customers', headers: owner.headers, payload: { importId: failedId, records: [customer('B1')] } });
    await app.inject({ method: 'POST', url: `/api/imports/${failedId}/close`, headers: owner.headers, payload: { status: 'failed' } });
    expect(await entriesOf(failedId)).toEqual([
      { actor: `user:${owner.user.userId}:${owner.user.email}`, action: 'import.fail', detail: { entity: 'customers', read: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 0 } },
    ]);

    const batch = await app.inject({ method: 'POST', url: '/api/ingest/customers', headers: feed.headers, payload: { fileName: 'feed.jsonl', records: [customer('B1'), customer('C1')] } });
    expect(await entriesOf(batch.json().importId)).toEqual([
      { actor: `api-key:${feed.apiKeyId}:shop-feed`, action: 'import.complete', detail: { entity: 'customers', file: 'feed.jsonl', read: 2, inserted: 1, updated: 0, unchanged: 1, rejected: 0 } },
    ]);
  });

  it('records a file import by whoever ran it, completed or stopped', async () => {
    const file = join(directory, 'customers.csv');
    await writeFile(file, 'customer_id,email\nD1,d1@example.com\nD2,d2@example.com\n');
    const done = await importFile(context.store.db, { entity: 'customers', file, actor: 'cli:ana', clock, rejectsPath: null });
    expect(await entriesOf(done.importId)).toEqual([
      { actor: 'cli:ana', action: 'import.complete', detail: { entity: 'customers', file, read: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0 } },
    ]);
    await expect(importFile(context.store.db, {
      entity: 'customers', file, actor: 'cli:ana', clock, rejectsPath: null, onProgress: () => { throw new Error('stopped by SIGINT'); },
    })).rejects.toThrow('stopped by SIGINT');
    const stopped = await context.store.db.selectFrom('import_run').select('import_id').orderBy('import_id', 'desc').executeTakeFirstOrThrow();
    expect(await entriesOf(stopped.import_id)).toEqual([
      { actor: 'cli:ana', action: 'import.fail', detail: { entity: 'customers', file, read: 2, inserted: 0, updated: 0, unchanged: 2, rejected: 0 } },
    ]);
  });
});
