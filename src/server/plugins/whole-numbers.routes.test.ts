import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { startAdminApp } from '../../../test/helpers/admin-app.js';
import type { TestSession } from '../../../test/helpers/auth.js';

// `DELETE /api/customers/01` deleted customer 1: Number() reads a zero-padded number as the number.
describeEachStore('a number written with a leading zero', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let customerId: number;

  beforeAll(async () => { ({ app, admin, customerId } = await startAdminApp(context.store, 'Nur Hidayah')); });
  afterAll(async () => app?.close());

  it('is refused as a path id, naming the parameter, and nothing is deleted', async () => {
    for (const written of [`0${customerId}`, `00${customerId}`, `-0${customerId}`]) {
      const response = await app.inject({ method: 'DELETE', url: `/api/customers/${written}`, headers: admin.headers });
      expect({ written, status: response.statusCode, code: response.json().error?.code, field: response.json().error?.field })
        .toEqual({ written, status: 400, code: 'REQUEST_INVALID', field: 'customerId' });
      expect(response.json().error.message).toBe(`Invalid params field "customerId": give a whole number in plain decimal digits, such as 1000, without leading zeros (got "${written}").`);
    }
    const still = await app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: admin.readHeaders });
    expect(still.statusCode, still.body).toBe(200);
    expect(await context.store.db.selectFrom('audit_event').select('audit_id').where('action', '=', 'customer.delete').execute()).toEqual([]);
  });

  it('is refused in a query, while 0 itself and plain numbers stay valid where the schema allows them', async () => {
    for (const url of ['/api/customers?limit=010', '/api/customers?minRevenueMinor=00', '/api/customers?minRevenueMinor=007']) {
      const response = await app.inject({ method: 'GET', url, headers: admin.readHeaders });
      expect({ url, status: response.statusCode, code: response.json().error?.code }).toEqual({ url, status: 400, code: 'REQUEST_INVALID' });
      expect(response.json().error.message).toContain('without leading zeros');
    }
    for (const url of ['/api/customers?minRevenueMinor=0', '/api/customers?limit=10', '/api/customers?minRevenueMinor=100']) {
      const response = await app.inject({ method: 'GET', url, headers: admin.readHeaders });
      expect({ url, status: response.statusCode }, response.body).toEqual({ url, status: 200 });
    }
  });
});
