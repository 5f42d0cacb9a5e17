import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { importFile } from './import-file.service.js';
import { parseMappingArguments } from './rows/fields.js';

// A quoted newline in an export's name was kept inside it ("Budi\nSantoso"): a name, city or region
// is shown on one line, so its line breaks and tabs become one space, on import and on API writes alike.
const files = scratchFiles('single-line-profile-fields');

describeEachStore('profile fields with line breaks', (context) => {
  const db = () => context.store.db;
  let app: FastifyInstance;
  let agent: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-12-01T00:00:00Z') });
    agent = await signInAs(context.store, 'agent');
  });
  afterAll(async () => app?.close());

  const profileOf = (externalId: string) => db().selectFrom('customer').innerJoin('customer_identity', 'customer_identity.customer_id', 'customer.customer_id')
    .select(['name', 'city', 'region', 'income_band']).where('customer_identity.value', '=', externalId).executeTakeFirstOrThrow();

  it('keeps a customers file\'s quoted line breaks and tabs as one space', async () => {
    const file = files.file('customers.csv', 'customer_id,name,city,region,income_band\nK1,"Budi\nSantoso","Jakarta\r\n Selatan","DKI\tJakarta","high\n"\n');
    expect(await importFile(db(), { ...importDefaults, entity: 'customers', file })).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await profileOf('K1')).toEqual({ name: 'Budi Santoso', city: 'Jakarta Selatan', region: 'DKI Jakarta', income_band: 'high' });
  });

  it('keeps an order\'s buyer name, whole or in parts, on one line', async () => {
    const file = files.file('orders.csv', 'order_id,customer_id,customer_first_name,customer_last_name,ordered_at,amount\nB1,K2,"Sri\n","Wahyuni\tDewi",2026-11-01,100\n');
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file })).toMatchObject({ inserted: 1, rejected: 0 });
    expect((await profileOf('K2')).name).toBe('Sri Wahyuni Dewi');
  });

  it('keeps a name, city and region an API write sends with line breaks on one line', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/customers', headers: agent.headers, payload: { name: 'Ni Made\nSantoso', city: 'Den\n\npasar', region: 'Bali\t' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().customer).toMatchObject({ name: 'Ni Made Santoso', city: 'Den pasar', region: 'Bali' });
    const customerId = created.json().customer.customer_id;
    const patched = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: agent.headers, payload: { name: 'Ni Made\r\nSantosa' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().customer).toMatchObject({ name: 'Ni Made Santosa' });
  });
});

describe('a --map naming no field of the file\'s kind', () => {
  it('says which files the field is not one of', () => {
    expect(() => parseMappingArguments('orders', ['colour=Colour'])).toThrow(/^--map colour=Colour: "colour" is not a field of orders files\. Fields: order_id, /);
  });
});
