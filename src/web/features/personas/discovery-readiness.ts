import type { PersonaList } from '../../api/target-group-types.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';

/**
 * GET /api/personas says how many buyers a discovery needs and how many the
 * store has, counted no further than that (src/personas/personas.service.ts).
 * The page states a shortfall before anyone clicks; the server still refuses
 * a discovery on its own when the store is too small.
 */
export type DiscoveryReadiness = {
  minimumBuyers: number; buyers: number;
  /** Buyers who have not agreed to profiling, whom no discovery fits nor assigns; absent from an older server. */
  withoutConsent?: number;
};
export type PersonaListWithReadiness = PersonaList & { discovery?: DiscoveryReadiness };

/** The shortfall to state, with the button off; null when the store has enough buyers or the answer does not say (the server stays the guard). */
export function discoveryShortfall(readiness: DiscoveryReadiness | undefined): DiscoveryReadiness | null {
  if (!readiness) return null;
  return readiness.buyers < readiness.minimumBuyers ? readiness : null;
}

/**
 * The notice beside the disabled button: how many buyers a discovery needs and has, and, when
 * buyers who have not agreed to profiling are what is missing, how many they are and how consent
 * gets recorded (a customers import's consent_profiling column, or the customer's page). A store
 * none of whose buyers agreed (every bundled public data set: their files carry no consent) is
 * told so, as that store can never have personas without recording consent.
 */
export function shortfallText(shortfall: DiscoveryReadiness, locale: Locale, t: I18n['t'], format: Pick<Formatters, 'number'>): string {
  const sentences = [t('personas.tooFewBuyers', { minimum: format.number(shortfall.minimumBuyers), count: format.number(shortfall.buyers) })];
  const withoutConsent = shortfall.withoutConsent ?? 0;
  if (withoutConsent > 0) {
    sentences.push(t(pluralKey(locale, 'personas.withoutConsent', withoutConsent), { count: format.number(withoutConsent) }), t('personas.recordConsent'));
    if (shortfall.buyers === 0) sentences.push(t('personas.noConsentInDataSets'));
  }
  return sentences.join(' ');
}
