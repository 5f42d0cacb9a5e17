import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs } from '../../test/helpers/auth.js';
import { listAuditEvents } from '../auth/index.js';
import { startImportRun } from '../ingest/import-runs.repo.js';
import { buildApp } from '../server/app.js';
import { createCustomer } from './customers.service.js';
import { mergeCustomers, undoMerge } from './merge.service.js';

describeEachStore('who merged, as each role sees it', (context) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: { now: () => new Date() } });
  });
  afterAll(async () => {
    await app?.close();
  });

  let kept = 0;
  let merged = 0;

  it('shows an analyst who merged, undid and imported without their email', async () => {
    const db = context.store.db;
    kept = await createCustomer(db, { email: 'kept@example.com' });
    merged = await createCustomer(db, { email: 'merged@example.com' });
    const { mergeId } = await mergeCustomers(db, kept, merged, 'user:5:admin@kopi.test');
    await undoMerge(db, mergeId, 'user:6:owner@kopi.test');
    await mergeCustomers(db, kept, merged, 'user:5:admin@kopi.test');
    await startImportRun(db, { entity: 'customers', fileName: 'c.csv', preset: null, startedBy: 'user:5:admin@kopi.test' });
    const analyst = await signInAs(context.store, 'analyst');
    const get = async (url: string) => {
      const response = await app.inject({ method: 'GET', url, headers: analyst.readHeaders });
      expect(response.statusCode, url).toBe(200);
      return response.body;
    };
    const merges = await get(`/api/customers/${merged}/merges`);
    const timeline = await get(`/api/customers/${kept}/timeline`);
    // who may read staff emails comes from the caller's permissions; a query parameter naming it is refused
    expect((await app.inject({ method: 'GET', url: `/api/customers/${kept}/timeline?canReadStaffEmails=true`, headers: analyst.readHeaders })).statusCode).toBe(400);
    const imports = await get('/api/imports');
    for (const body of [merges, timeline, imports]) expect(body).not.toContain('@kopi.test');
    expect(JSON.parse(merges).items.map((merge: { merged_by: string; undone_by: string | null }) => [merge.merged_by, merge.undone_by])).toEqual([['user:5', null], ['user:5', 'user:6']]);
    expect(JSON.parse(timeline).items.filter((item: { kind: string }) => item.kind === 'merge').map((item: { detail: { by: string } }) => item.detail.by)).toEqual(['user:5', 'user:5']);
    expect(JSON.parse(imports).items[0].started_by).toBe('user:5');
  });

  it('shows those who may read the audit log (an admin) the whole actor, email included', async () => {
    const admin = await signInAs(context.store, 'admin');
    const get = async (url: string) => {
      const response = await app.inject({ method: 'GET', url, headers: admin.readHeaders });
      expect(response.statusCode, url).toBe(200);
      return JSON.parse(response.body);
    };
    expect((await get(`/api/customers/${merged}/merges`)).items.map((merge: { merged_by: string }) => merge.merged_by)).toEqual(['user:5:admin@kopi.test', 'user:5:admin@kopi.test']);
    expect((await get(`/api/customers/${kept}/timeline`)).items.filter((item: { kind: string }) => item.kind === 'merge').map((item: { detail: { by: string } }) => item.detail.by))
      .toEqual(['user:5:admin@kopi.test', 'user:5:admin@kopi.test']);
    expect((await get('/api/imports')).items[0].started_by).toBe('user:5:admin@kopi.test');
  });

  it('files each merge and undo so the customer merged away finds them too', async () => {
    const db = context.store.db;
    const away = await createCustomer(db, { email: 'away@example.com' });
    for (const email of ['first@example.com', 'second@example.com', 'third@example.com']) {
      const kept = await createCustomer(db, { email });
      const { mergeId } = await mergeCustomers(db, kept, away, 'test');
      if (email !== 'third@example.com') await undoMerge(db, mergeId, 'test');
    }
    const found = await listAuditEvents(db, { limit: 50, entityId: String(away) });
    expect(found.items.map((item) => item.action)).toEqual(['customer.merge', 'customer.merge.undo', 'customer.merge', 'customer.merge.undo', 'customer.merge']);
  });
});
