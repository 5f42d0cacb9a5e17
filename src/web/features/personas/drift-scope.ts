import type { DriftGroup } from '../../api/target-group-types.js';

/**
 * Whom a comparison covers, said beside it (docs/personas.md, "Drift"). Counts, shares and means of
 * a group profile no one, so all customers and a segment take in every buyer, with or without
 * consent to profiling — unlike personas, which place each person and so see only those who agreed.
 * A persona's members all agreed; saying "whether or not they agreed" of them would be wrong.
 */
export function driftScopeKey(group: DriftGroup | undefined): 'drift.scope.aggregate' | 'drift.scope.persona' {
  return group?.kind === 'persona' ? 'drift.scope.persona' : 'drift.scope.aggregate';
}
