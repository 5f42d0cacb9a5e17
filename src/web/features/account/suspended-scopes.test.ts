import { describe, expect, it } from 'vitest';
import { suspendedScopesOf, type KeyScopes } from './suspended-scopes.js';

describe('suspended API key scopes', () => {
  const key = (change: Partial<KeyScopes>): KeyScopes => ({ scopes: ['ingest', 'read'], scopesInEffect: ['read'], revokedAt: null, creator: { isDisabled: false }, ...change });
  const cases: Array<[string, KeyScopes, string[]]> = [
    ['a scope the demoted creator no longer grants', key({}), ['ingest']],
    ['nothing when every scope is in effect', key({ scopesInEffect: ['ingest', 'read'] }), []],
    ['nothing for a revoked key', key({ revokedAt: '2026-12-01T00:00:00Z' }), []],
    ['nothing when the creator is disabled (the key is refused whole)', key({ scopesInEffect: [], creator: { isDisabled: true } }), []],
    ['nothing from a server that does not say what is in effect', key({ scopesInEffect: undefined }), []],
  ];
  it.each(cases)('marks %s', (_name, apiKey, expected) => {
    expect(suspendedScopesOf(apiKey)).toEqual(expected);
  });
});
