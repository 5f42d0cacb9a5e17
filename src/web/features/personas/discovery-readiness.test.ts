import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { discoveryShortfall, shortfallText } from './discovery-readiness.js';

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

  // CDNOW as loaded: 23,570 buyers, none of whom was ever asked about profiling
  const cdnow = { minimumBuyers: 24, buyers: 0, withoutConsent: 23_570 };
  const textIn = (locale: Locale, readiness: Parameters<typeof shortfallText>[0]) => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
    return shortfallText(readiness, locale, t, createFormatters(intlTagByLocale[locale], 'USD', 'UTC')).replace(/[\u00a0\u202f]/g, ' ');
  };

  it('says, where no buyer agreed, how consent to profiling gets recorded and that the bundled data sets carry none', () => {
    expect(textIn('en', cdnow)).toBe('Personas need at least 24 customers who have bought and agreed to profiling; this store has 0. '
      + '23,570 more customers have bought but not agreed to profiling (never asked counts as no). '
      + 'Consent to profiling is recorded by importing customers with an “Agrees to profiling” column (consent_profiling: yes or no), or one customer at a time under Consent on the customer\'s page. '
      + 'No buyer here has agreed yet: the bundled public data sets (such as CDNOW) carry no consent, so personas cannot be discovered on them as loaded.');
    expect(textIn('id', cdnow)).toContain('23.570 pelanggan lain');
    expect(textIn('lv', cdnow)).toContain('Vēl 23 570 pircēji nav piekrituši');
    for (const locale of ['en', 'id', 'lv'] as const) {
      expect(textIn(locale, cdnow)).toContain('consent_profiling');
      expect(textIn(locale, cdnow)).toContain('CDNOW');
      expect(textIn(locale, cdnow)).not.toMatch(/\{[\w:]+\}/);
    }
    expect(textIn('lv', { ...cdnow, withoutConsent: 21 })).toContain('Vēl 21 pircējs nav piekritis');
  });

  it('leaves the data sets out where some buyers agreed, and consent out where none is missing', () => {
    const some = textIn('en', { minimumBuyers: 24, buyers: 3, withoutConsent: 1 });
    expect(some).toContain('1 more customer has bought but not agreed');
    expect(some).toContain('consent_profiling');
    expect(some).not.toContain('CDNOW');
    expect(textIn('en', { minimumBuyers: 24, buyers: 4, withoutConsent: 0 })).toBe('Personas need at least 24 customers who have bought and agreed to profiling; this store has 4.');
    expect(textIn('en', { minimumBuyers: 24, buyers: 4 })).toBe('Personas need at least 24 customers who have bought and agreed to profiling; this store has 4.');
  });
});
