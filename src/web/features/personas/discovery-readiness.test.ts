import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { discoveryShortfall } from './discovery-readiness.js';

describe('discoveryShortfall', () => {
  it('states the shortfall of a store with fewer buyers than a discovery needs', () => {
    expect(discoveryShortfall({ minimumBuyers: 24, buyers: 4 })).toEqual({ minimumBuyers: 24, buyers: 4 });
    expect(discoveryShortfall({ minimumBuyers: 24, buyers: 0 })).toEqual({ minimumBuyers: 24, buyers: 0 });
    expect(discoveryShortfall({ minimumBuyers: 24, buyers: 23 })).toEqual({ minimumBuyers: 24, buyers: 23 });
  });

  it('lets a store with just enough buyers discover', () => {
    expect(discoveryShortfall({ minimumBuyers: 24, buyers: 24 })).toBeNull();
  });

  it('leaves the decision to the server when the answer does not say', () => {
    expect(discoveryShortfall(undefined)).toBeNull();
  });

  it.each(['en', 'id', 'lv'] as const)('says in %s how many buyers are needed and how many the store has', (locale: Locale) => {
    const text = lookupMessage(messagesByLocale[locale], 'personas.tooFewBuyers', { minimum: 24, count: 4 });
    expect(text).toContain('24');
    expect(text).toContain('4');
    expect(text).not.toMatch(/\{\w+\}/);
  });
});
