import { describe, expect, it } from 'vitest';
import { creatorText, parentKeyText, scopesInEffectText } from './api-keys-run.js';

const creator = { userId: 4, email: 'sari@example.com', role: 'analyst' as const, isDisabled: false };

describe('the scopes in effect and the creator of a key', () => {
  it.each([
    ['a key made from the shell keeps every scope', { scopes: ['read', 'admin'], scopesInEffect: ['read', 'admin'], createdBy: null, creator: null }, 'read,admin', '(command line)'],
    ['a demoted creator suspends what their role no longer grants', { scopes: ['read', 'admin'], scopesInEffect: ['read'], createdBy: 4, creator }, 'read (suspended: admin)', 'sari@example.com (analyst)'],
    ['a disabled creator suspends them all', { scopes: ['read', 'write'], scopesInEffect: [], createdBy: 4, creator: { ...creator, isDisabled: true } }, 'none (suspended: read,write)', 'sari@example.com (disabled)'],
    ['a removed creator is named by their user id', { scopes: ['read'], scopesInEffect: [], createdBy: 4, creator: null }, 'none (suspended: read)', 'user:4 (removed)'],
  ])('%s', (_, key, inEffect, made) => {
    expect(scopesInEffectText(key)).toBe(inEffect);
    expect(creatorText(key)).toBe(made);
  });
});

describe('the key that made a key', () => {
  it('is named by id and name, and left empty when a person or the command line made it', () => {
    expect(parentKeyText({ createdByKey: { apiKeyId: 7, name: 'shop-feed' } })).toBe('#7 (shop-feed)');
    expect(parentKeyText({ createdByKey: null })).toBe('');
  });
});
