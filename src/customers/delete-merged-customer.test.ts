import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { createCustomer, deleteCustomer } from './customers.service.js';
import { mergeCustomers } from './merge.service.js';

// Support staff who delete a customer's old number should learn where the customer went, as opening it tells them.
describeEachStore('deleting a customer merged into another', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-03-02T09:00:00Z') });
    admin = await signInAs(context.store, 'admin');
  });
  afterAll(async () => app?.close());

  it('answers as reading them does: not found, naming whom they were merged into, and deletes no one', async () => {
    const db = context.store.db;
    const kept = await createCustomer(db, { name: 'Kept Twenty', email: 'kept.twenty@example.com' });
    const merged = await createCustomer(db, { name: 'Merged Twentyone', email: 'merged.twentyone@example.com' });
    await mergeCustomers(db, kept, merged, 'test');

    const read = await app.inject({ method: 'GET', url: `/api/customers/${merged}`, headers: admin.readHeaders });
    const deleted = await app.inject({ method: 'DELETE', url: `/api/customers/${merged}`, headers: admin.headers });
    expect(read.statusCode).toBe(404);
    expect(deleted.statusCode).toBe(404);
    expect(read.json().error).toMatchObject({ code: 'CUSTOMER_NOT_FOUND', field: 'customerId', details: { mergedInto: kept } });
    const { code, field, details } = read.json().error;
    expect(deleted.json().error).toMatchObject({ code, field, details });
    expect(deleted.json().error.message).toContain(`merged into #${kept}`);

    const rows = await db.selectFrom('customer').select(['customer_id', 'merged_into_customer_id']).where('customer_id', 'in', [kept, merged]).orderBy('customer_id').execute();
    expect(rows).toEqual([{ customer_id: kept, merged_into_customer_id: null }, { customer_id: merged, merged_into_customer_id: kept }]);
  });

  it('still answers plainly not found for a number no customer ever had', async () => {
    const error = await deleteCustomer(context.store.db, 999_999_999).then(() => null, (caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CUSTOMER_NOT_FOUND', details: { field: 'customerId' } });
    expect((error as Error).message).toBe('Customer #999999999 does not exist (or was merged into another customer).');
    expect((error as { details: Record<string, unknown> }).details).not.toHaveProperty('mergedInto');
  });
});
