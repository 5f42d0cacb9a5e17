import { expectedPopulationPurchasesBgNbd, expectedPurchasesBgNbd, probabilityAliveBgNbd, type BgNbdParams } from './bg-nbd.js';
import { expectedPopulationPurchasesParetoNbd, expectedPurchasesParetoNbd, probabilityAliveParetoNbd, type ParetoNbdParams } from './pareto-nbd.js';

/** A fitted purchase-process model: what predictions need, whichever model it is. */
export type TransactionModel = { model: 'bgnbd'; params: BgNbdParams } | { model: 'paretonbd'; params: ParetoNbdParams };

export function probabilityAlive(model: TransactionModel, x: number, recency: number, age: number): number {
  return model.model === 'bgnbd' ? probabilityAliveBgNbd(model.params, x, recency, age) : probabilityAliveParetoNbd(model.params, x, recency, age);
}

/** E[Y(t) | x, t_x, T]: expected repeat purchases in the next t periods. */
export function expectedPurchases(model: TransactionModel, t: number, x: number, recency: number, age: number): number {
  return model.model === 'bgnbd' ? expectedPurchasesBgNbd(model.params, t, x, recency, age) : expectedPurchasesParetoNbd(model.params, t, x, recency, age);
}

/** E[X(t)]: expected repeat purchases in the first t periods after acquisition. */
export function expectedPopulationPurchases(model: TransactionModel, t: number): number {
  return model.model === 'bgnbd' ? expectedPopulationPurchasesBgNbd(model.params, t) : expectedPopulationPurchasesParetoNbd(model.params, t);
}
