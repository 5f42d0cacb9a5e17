import { describe, expect, it } from 'vitest';
import { isStoreUnreachable, unreachableCause } from './store-unreachable.js';

const withCode = (code: string, message = 'failed'): Error => Object.assign(new Error(message), { code });

describe('a store that cannot be reached', () => {
  it.each(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', '57P01', '57P02', '57P03', '3D000', '08006', '08001', '08P01'])('is recognised by the code %s', (code) => {
    expect(unreachableCause(withCode(code))).toBe(code);
  });

  it('is recognised inside the errors it wraps (each address of a host name, a cause)', () => {
    const bothAddresses = Object.assign(new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''), { code: 'ECONNREFUSED' });
    expect(unreachableCause(new AggregateError([withCode('ECONNREFUSED')], ''))).toBe('ECONNREFUSED');
    expect(unreachableCause(bothAddresses)).toBe('ECONNREFUSED');
    expect(unreachableCause(new Error('query failed', { cause: withCode('57P01') }))).toBe('57P01');
  });

  it('is recognised by node-postgres\'s words for a connection lost without a code', () => {
    expect(isStoreUnreachable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStoreUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('is not any other failure: a query\'s own error stays a bug to look at', () => {
    for (const error of [withCode('23505', 'duplicate key'), withCode('42P01', 'relation does not exist'), withCode('28P01'), new TypeError('x is undefined'), 'ECONNREFUSED', null]) {
      expect(isStoreUnreachable(error)).toBe(false);
    }
  });
});
