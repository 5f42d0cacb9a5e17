import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { createCustomer, updateCustomer } from './customers.service.js';

/** A customer is read out in snake_case; a write takes those names back as aliases of its camelCase ones. */
describeEachStore('customer writes with the names a customer is read out with', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  const clock = fixedClock('2025-06-01T00:00:00Z');

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    admin = await signInAs(context.store, 'admin');
  });
  afterAll(async () => app?.close());

  const send = (method: 'POST' | 'PATCH', url: string, payload: object) => app.inject({ method, url, headers: admin.headers, payload });
  const read = async (customerId: number) => (await app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: admin.headers })).json().customer;

  it('stores a customer read, changed and sent back under the names it was read with', async () => {
    const created = await send('POST', '/api/customers', { name: 'Ayu Lestari', birth_year: 1988, income_band: '5-10M', consent_email: true, consent_sms: false, consent_profiling: null });
    expect(created.statusCode, created.body).toBe(201);
    const customerId = created.json().customer.customer_id;
    expect(created.json().customer).toMatchObject({ birth_year: 1988, income_band: '5-10M', consent_email: true, consent_sms: false, consent_profiling: null });

    const { birth_year, income_band, consent_email, consent_sms, consent_profiling, city } = await read(customerId);
    const patched = await send('PATCH', `/api/customers/${customerId}`, { birth_year: birth_year + 1, income_band, consent_email, consent_sms: !consent_sms, consent_profiling, city });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(await read(customerId)).toMatchObject({ birth_year: 1989, income_band: '5-10M', consent_email: true, consent_sms: true, consent_profiling: null });
    // the audit log names the fields by their one request name, whichever spelling was sent
    const entry = await context.store.db.selectFrom('audit_event').select('detail').where('action', '=', 'customer.update').where('entity_id', '=', String(customerId)).executeTakeFirstOrThrow();
    expect(entry.detail).toMatchObject({ fields: ['birthYear', 'consentSms'], before: { birthYear: 1988, consentSms: false }, after: { birthYear: 1989, consentSms: true } });
  });

  it('refuses both spellings of one field, naming the two keys, and stores nothing', async () => {
    const customerId = (await send('POST', '/api/customers', { name: 'Bima', birthYear: 1990 })).json().customer.customer_id;
    const both = await send('PATCH', `/api/customers/${customerId}`, { birthYear: 1991, birth_year: 1992, city: 'Bandung' });
    expect(both.statusCode).toBe(400);
    expect(both.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'birth_year', message: 'Invalid body field "birth_year": "birth_year" is an alias of "birthYear": send one of the two, not both' });
    const onCreate = await send('POST', '/api/customers', { name: 'Bima Dua', consentEmail: true, consent_email: true });
    expect(onCreate.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'consent_email' });
    expect(await read(customerId)).toMatchObject({ birth_year: 1990, city: null });
  });

  it('refuses only the keys it does not know beside the aliases, suggesting the one meant, and names the alias a bad value came under', async () => {
    const customerId = (await send('POST', '/api/customers', { name: 'Citra' })).json().customer.customer_id;
    const typo = await send('PATCH', `/api/customers/${customerId}`, { income_band: '5-10M', birth_yaer: 1990, consent_emial: true });
    expect(typo.statusCode).toBe(400);
    const { error } = typo.json();
    expect(error).toMatchObject({ code: 'REQUEST_INVALID', field: 'birth_yaer', details: { hint: 'Use "birthYear" instead of "birth_yaer" and "consentEmail" instead of "consent_emial".' } });
    expect(error.details.suggestions).toEqual({ birth_yaer: 'birthYear', consent_emial: 'consentEmail' });
    const badValue = await send('PATCH', `/api/customers/${customerId}`, { birth_year: 'nineteen ninety' });
    expect(badValue.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'birth_year', message: 'Invalid body field "birth_year": expected a number, got "nineteen ninety"' });
    const readOnly = await send('PATCH', `/api/customers/${customerId}`, { is_stub: false });
    expect(readOnly.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'is_stub' });
    expect(await read(customerId)).toMatchObject({ income_band: null, birth_year: null });
  });

  it('refuses a birth year in the future in the service, for every writer, by its clock', async () => {
    const message = 'birthYear: 2026 is after this year (2025), and nobody is born in the future; correct it (all four digits, e.g. 1985) or leave it out.';
    const refusal = { code: 'CUSTOMER_BIRTH_YEAR_INVALID', message, details: { field: 'birthYear', value: 2026, latest: 2025 } };
    await expect(createCustomer(context.store.db, { name: 'Dewi', birthYear: 2026 }, [], { clock })).rejects.toMatchObject(refusal);
    const customerId = await createCustomer(context.store.db, { name: 'Dewi', birthYear: 2025 }, [], { clock });
    await expect(updateCustomer(context.store.db, customerId, { birthYear: 2026 }, [], { clock })).rejects.toMatchObject(refusal);
    // without a clock, the system's: next year is in the future
    const nextYear = new Date().getUTCFullYear() + 1;
    await expect(updateCustomer(context.store.db, customerId, { birthYear: nextYear })).rejects.toMatchObject({ code: 'CUSTOMER_BIRTH_YEAR_INVALID' });

    const patched = await send('PATCH', `/api/customers/${customerId}`, { birth_year: 2026 });
    expect({ status: patched.statusCode, error: patched.json().error }).toEqual({ status: 400, error: { code: 'CUSTOMER_BIRTH_YEAR_INVALID', message, field: 'birthYear', details: { value: 2026, latest: 2025 } } });
    expect(await read(customerId)).toMatchObject({ birth_year: 2025 });
  });
});
