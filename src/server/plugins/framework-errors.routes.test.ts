import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../../test/helpers/auth.js';
import { fixedClock } from '../../core/clock.js';
import { buildApp } from '../app.js';
import { maxPathSegmentLength } from './framework-errors.js';

/** Paths the router itself refuses or once refused: answered like any other bad request. */
describeEachStore('malformed and over-long paths', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: true }, clock: fixedClock('2025-01-01T00:00:00Z') });
    admin = await signInAs(context.store, 'admin');
  });
  afterAll(async () => app?.close());

  it('checks a long path parameter like any other: the caller first, then the parameter, by name', async () => {
    const long = 'x'.repeat(300);
    const anonymous = await app.inject({ method: 'GET', url: `/api/customers/${long}` });
    expect(anonymous.statusCode).toBe(401);
    const customer = await app.inject({ method: 'GET', url: `/api/customers/${long}`, headers: admin.readHeaders });
    expect(customer.statusCode).toBe(400);
    expect(customer.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'customerId' });
    const rate = await app.inject({ method: 'PUT', url: `/api/settings/rates/${'E'.repeat(200)}`, headers: admin.headers, payload: { rate: 2 } });
    expect(rate.statusCode).toBe(400);
    expect(rate.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'currency' });
  });

  it('answers a path that is not valid percent-encoding, or a segment past the limit, in the error shape with the security headers', async () => {
    for (const url of ['/api/customers/%E0%A4%A', `/api/customers/${'7'.repeat(maxPathSegmentLength + 1)}`]) {
      const answer = await app.inject({ method: 'GET', url, headers: admin.readHeaders });
      expect(answer.statusCode, url).toBe(400);
      expect(answer.headers['content-type'], url).toContain('application/json');
      const { error } = answer.json();
      expect(error, url).toMatchObject({ code: 'REQUEST_INVALID', field: 'path' });
      expect(error.message, url).toMatch(/^Invalid path: /);
      // the path is not echoed back
      expect(answer.body.length, url).toBeLessThan(400);
      expect(answer.headers['x-content-type-options'], url).toBe('nosniff');
      expect(answer.headers['x-frame-options'], url).toBe('DENY');
      expect(answer.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(answer.headers['strict-transport-security'], url).toBe('max-age=15552000');
    }
  });
});
