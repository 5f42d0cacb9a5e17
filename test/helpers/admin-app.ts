import type { FastifyInstance } from 'fastify';
import type { Store } from '../../src/db/client.js';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { signInAs, type TestSession } from './auth.js';

export type AdminApp = { app: FastifyInstance; admin: TestSession; customerId: number };

/** An app on the store (not listening, clock fixed), an admin signed in, and one customer they created: what route tests start from. */
export async function startAdminApp(store: Store, customerName: string): Promise<AdminApp> {
  const app = await buildApp({ store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
  const admin = await signInAs(store, 'admin');
  const created = await app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name: customerName } });
  if (created.statusCode !== 201) throw new Error(`creating the test customer answered ${created.statusCode}: ${created.body}`);
  return { app, admin, customerId: created.json().customer.customer_id };
}
