import type { CustomerPrediction } from '../../api/analytics-types.js';

/**
 * When the customer's type and the model tell different stories, which way they differ.
 * The type judges by the customer's own rhythm: at risk means more than twice their usual
 * gap since their last purchase, regular means steady and not overdue. The model (BG/NBD or
 * Pareto/NBD) weighs the silence against all their purchases, so one long gap after many
 * purchases moves it little, and a few regular purchases long ago count for little.
 */
export type TypePredictionDisagreement = 'overdueButLikelyActive' | 'regularButLikelyGone';

export function typePredictionDisagreement(
  types: readonly string[] | null, prediction: Pick<CustomerPrediction, 'pAlive' | 'churnRisk'> | null,
): TypePredictionDisagreement | null {
  if (!types || !prediction || prediction.pAlive === null) return null;
  if (types.includes('at_risk') && prediction.churnRisk === 'low') return 'overdueButLikelyActive';
  if (types.includes('regular') && prediction.churnRisk === 'high') return 'regularButLikelyGone';
  return null;
}
