import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { startAdminApp } from '../../test/helpers/admin-app.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';

/** A refusal for a missing permission says who has it, read from the role and scope tables. */
describeEachStore('permission refusals over HTTP', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let customerId: number;

  beforeAll(async () => { ({ app, admin, customerId } = await startAdminApp(context.store, 'Ayu')); });
  afterAll(async () => app?.close());

  it('tells an agent deleting a customer that owners and admins may, and to ask one of them', async () => {
    const agent = await signInAs(context.store, 'agent');
    const response = await app.inject({ method: 'DELETE', url: `/api/customers/${customerId}`, headers: agent.headers });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toMatchObject({
      code: 'AUTH_FORBIDDEN',
      message: 'This needs the "customers:merge" permission (for merging customers, undoing merges and deleting customers), which owners and admins have and your role "agent" does not; ask one of them.',
      details: { permission: 'customers:merge', roles: ['owner', 'admin'] },
    });
  });

  it('names every role that has a permission shared more widely', async () => {
    const analyst = await signInAs(context.store, 'analyst');
    const response = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: analyst.headers, payload: { name: 'Ayu Lestari' } });
    expect(response.json().error).toMatchObject({ code: 'AUTH_FORBIDDEN', details: { roles: ['owner', 'admin', 'marketer', 'agent'] } });
    expect(response.json().error.message).toContain('owners, admins, marketers and agents have');
  });

  it('tells an API key which scope would do', async () => {
    const key = await createTestApiKey(context.store, ['read']);
    const response = await app.inject({ method: 'DELETE', url: `/api/customers/${customerId}`, headers: key.headers });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toBe('This needs the "customers:merge" permission (for merging customers, undoing merges and deleting customers), which an API key with scope "read" does not have; use a key with scope "admin".');
    const ingest = await createTestApiKey(context.store, ['ingest']);
    const write = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: ingest.headers, payload: { name: 'Ayu' } });
    expect(write.json().error.message).toContain('use a key with scopes "write" or "admin"');
  });
});
