import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../../test/helpers/auth.js';
import { fixedClock } from '../../core/clock.js';
import { buildApp } from '../app.js';

/** A validation error names the field at fault, the body itself when it is the body as a whole that is wrong. */
describeEachStore('validation errors name their field', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    admin = await signInAs(context.store, 'admin');
  });
  afterAll(async () => app?.close());

  const send = (payload: string) => app.inject({ method: 'POST', url: '/api/customers', headers: { ...admin.headers, 'content-type': 'application/json' }, payload });

  it('names the body when it is missing, and says to send a JSON object', async () => {
    const missing = await send('');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toEqual(expect.objectContaining({
      code: 'REQUEST_INVALID', field: 'body', message: 'Invalid body: it is missing: send a JSON object with Content-Type: application/json',
    }));
  });

  it('names the body when it is not an object', async () => {
    for (const payload of ['null', '[]', '"Ayu"', '7']) {
      const answer = await send(payload);
      expect(answer.statusCode, payload).toBe(400);
      expect(answer.json().error, payload).toMatchObject({ code: 'REQUEST_INVALID', field: 'body' });
      expect(answer.json().error.message, payload).toMatch(/^Invalid body: .*expected object/);
    }
  });

  it('still names the field inside the body that is at fault', async () => {
    const answer = await send(JSON.stringify({ name: 'Ayu', birthYear: 1800 }));
    expect(answer.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'birthYear' });
    expect(answer.json().error.message).toMatch(/^Invalid body field "birthYear": /);
  });
});
