import { describe, expect, it } from 'vitest';
import { bearerTokenOf, formatApiKey, generateApiKeyParts, parseApiKey } from './api-key-format.js';

describe('API key format', () => {
  it('round-trips a generated key through format and parse', () => {
    const parts = generateApiKeyParts();
    expect(parseApiKey(formatApiKey(parts))).toEqual(parts);
  });

  it('generates a 12-character prefix and a 256-bit secret', () => {
    const parts = generateApiKeyParts();
    expect(parts.prefix).toMatch(/^[0-9a-f]{12}$/);
    expect(parts.secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['', 'empty'],
    ['clt_abc_def', 'too short'],
    [`sk_${'a'.repeat(12)}_${'b'.repeat(64)}`, 'wrong product prefix'],
    [`clt_${'A'.repeat(12)}_${'b'.repeat(64)}`, 'upper-case prefix'],
    [`clt_${'a'.repeat(12)}_${'b'.repeat(65)}`, 'secret too long'],
    [`clt_${'a'.repeat(12)}${'b'.repeat(64)}`, 'missing separator'],
  ])('rejects %j (%s)', (raw) => {
    expect(parseApiKey(raw)).toBeNull();
  });

  it('reads the key from a Bearer header, case-insensitively', () => {
    expect(bearerTokenOf('Bearer clt_x')).toBe('clt_x');
    expect(bearerTokenOf('bearer   clt_x ')).toBe('clt_x');
    expect(bearerTokenOf('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerTokenOf(undefined)).toBeNull();
  });
});
