import type { PersonaList } from '../../api/target-group-types.js';

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
