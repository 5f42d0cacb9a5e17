import { describe, expect, it } from 'vitest';
import { actorForDisplay } from './actor-display.js';

describe('actors shown outside the audit log', () => {
  const cases: Array<[string, string]> = [
    ['user:5:admin@kopi.test', 'user:5'],
    ['user:12:ana.maria+shop@kopi.test', 'user:12'],
    ['api-key:7:shop-feed', 'api-key:7:shop-feed'],
    ['cli:ana', 'cli:ana'],
    ['system', 'system'],
    ['test', 'test'],
  ];
  it.each(cases)('shows %s as %s to a caller who may not read staff emails', (actor, shown) => {
    expect(actorForDisplay(actor)).toBe(shown);
  });

  it('shows the actor whole to a caller who may read the audit log', () => {
    expect(actorForDisplay('user:5:admin@kopi.test', { canReadStaffEmails: true })).toBe('user:5:admin@kopi.test');
  });
});
