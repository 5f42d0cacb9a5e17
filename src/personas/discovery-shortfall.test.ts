import { expect, it } from 'vitest';
import { discoveryShortfall } from './discovery-shortfall.js';

it('says nothing when enough buyers agreed to profiling', () => {
  expect(discoveryShortfall({ minimumBuyers: 24, buyers: 24, withoutConsent: 5000 })).toBeNull();
});

it('asks for consent when the buyers who have not agreed would be enough', () => {
  expect(discoveryShortfall({ minimumBuyers: 24, buyers: 0, withoutConsent: 23_570 })).toBe(
    'Persona discovery needs at least 24 buyers who agreed to profiling; this store has 0 (and 23,570 more who have not agreed to profiling). '
    + 'Only buyers whose consent_profiling is yes are placed in personas: the recorded consent of 24 of the 23,570 buyers who have not agreed would let it run. '
    // a store where nobody agreed is most likely one loaded from a file without consent: every bundled data set
    + 'None of this store\'s buyers has agreed: a customers file without a consent_profiling column records no consent, and the bundled public data sets (CDNOW and the other demo data sets) carry none.');
});

it('asks for more buyers as well when consent alone would not be enough', () => {
  expect(discoveryShortfall({ minimumBuyers: 24, buyers: 2, withoutConsent: 2 })).toContain(
    'even with the recorded consent of all 2 buyers who have not agreed, it needs 20 more buyers who agree.');
  // some buyers agreed: the store records consent, so no word about data sets without it
  expect(discoveryShortfall({ minimumBuyers: 24, buyers: 2, withoutConsent: 2 })).not.toContain('public data sets');
});

it('asks for more buyers when every buyer agreed', () => {
  expect(discoveryShortfall({ minimumBuyers: 24, buyers: 23, withoutConsent: 0 })).toBe(
    'Persona discovery needs at least 24 buyers who agreed to profiling; this store has 23. It needs 1 more buyer who agrees to profiling (consent_profiling yes).');
});

it('asks for orders, not consent, when the store has customers but no buyers at all', () => {
  const shortfall = discoveryShortfall({ minimumBuyers: 24, buyers: 0, withoutConsent: 0 });
  expect(shortfall).toBe(
    'Persona discovery needs at least 24 buyers who agreed to profiling; this store has no buyers yet: personas group buyers by what they buy and how, so they need orders. '
    + 'Import the store\'s orders first (`clientele import orders <file>`).');
  expect(shortfall).not.toMatch(/more buyers who agree|consent_profiling/);
});
