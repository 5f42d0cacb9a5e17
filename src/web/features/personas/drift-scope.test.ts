import { expect, it } from 'vitest';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { driftScopeKey } from './drift-scope.js';

it('says a comparison of all customers or a segment covers every buyer in aggregate, and a persona its consenting members', () => {
  expect(driftScopeKey({ kind: 'all' })).toBe('drift.scope.aggregate');
  expect(driftScopeKey({ kind: 'segment', segment: 3 })).toBe('drift.scope.aggregate');
  expect(driftScopeKey(undefined)).toBe('drift.scope.aggregate');
  expect(driftScopeKey({ kind: 'persona', personaId: 2 })).toBe('drift.scope.persona');
  expect(lookupMessage(messagesByLocale.en, 'drift.scope.aggregate')).toBe(
    'It describes the group\'s buyers in aggregate (counts, shares and averages), whether or not they agreed to profiling: no one is profiled or placed in a persona by it.');
  for (const locale of ['en', 'id', 'lv'] as const) {
    for (const key of ['drift.scope.aggregate', 'drift.scope.persona']) expect(lookupMessage(messagesByLocale[locale], key)).not.toBe(key);
  }
});
