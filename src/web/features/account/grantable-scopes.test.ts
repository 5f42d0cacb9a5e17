import { describe, expect, it } from 'vitest';
import { permissionsOfRole } from '../../../auth/permissions.js';
import { scopeChoices } from './grantable-scopes.js';

const grantable = (role: Parameters<typeof permissionsOfRole>[0]) => scopeChoices(permissionsOfRole(role)).filter((choice) => choice.isGrantable).map((choice) => choice.scope);

describe('scopeChoices', () => {
  it('lists every scope in a fixed order', () => {
    expect(scopeChoices([]).map((choice) => choice.scope)).toEqual(['read', 'ingest', 'write', 'audit', 'admin']);
  });

  it('offers only the scopes a role holds', () => {
    expect(grantable('owner')).toEqual(['read', 'ingest', 'write', 'audit', 'admin']);
    expect(grantable('marketer')).toEqual(['read', 'ingest', 'write']);
    expect(grantable('analyst')).toEqual(['read']);
  });
});
