import type { BgNbdParams } from './bg-nbd.js';
import type { GammaGammaParams } from './gamma-gamma.js';
import type { ParetoNbdParams } from './pareto-nbd.js';
import { sampleBeta, sampleExponential, sampleGamma, type Random } from './random.js';
import type { PurchaseColumns } from './summaries.js';

/**
 * Simulators that draw customers from the models' own generative stories,
 * for parameter-recovery tests and benchmarks. Deterministic given `random`.
 */
export type TransactionModelParams = { model: 'bgnbd'; params: BgNbdParams } | { model: 'paretonbd'; params: ParetoNbdParams };

/**
 * Repeat purchase times in (0, horizon] of one customer acquired at 0.
 * BG/NBD (FHL 2005 §2): Poisson(λ) purchases, dropout with probability p after each repeat purchase.
 * Pareto/NBD (Schmittlein et al. 1987): Poisson(λ) purchases until an exponential(μ) death time.
 */
export function simulateRepeatPurchaseTimes(random: Random, model: TransactionModelParams, horizon: number, times: number[]): void {
  times.length = 0;
  if (model.model === 'bgnbd') {
    const { r, alpha, a, b } = model.params;
    const rate = sampleGamma(random, r, alpha);
    const dropout = sampleBeta(random, a, b);
    let t = 0;
    for (;;) {
      t += sampleExponential(random, rate);
      if (t > horizon) return;
      times.push(t);
      if (random() < dropout) return;
    }
  }
  const { r, alpha, s, beta } = model.params;
  const rate = sampleGamma(random, r, alpha);
  const death = sampleExponential(random, sampleGamma(random, s, beta));
  const end = Math.min(death, horizon);
  for (let t = sampleExponential(random, rate); t <= end; t += sampleExponential(random, rate)) times.push(t);
}

/**
 * Continuous-time summaries (x, t_x, T) with ages uniform in [minAge, maxAge],
 * and, when spend parameters are given, Gamma-Gamma mean repeat values m.
 */
export function simulateSummaries(
  random: Random,
  model: TransactionModelParams,
  options: { customers: number; minAge: number; maxAge: number; spend?: GammaGammaParams },
) {
  const { customers, minAge, maxAge, spend } = options;
  const frequency = new Float64Array(customers);
  const recency = new Float64Array(customers);
  const age = new Float64Array(customers);
  const monetaryValue = new Float64Array(customers);
  const times: number[] = [];
  for (let i = 0; i < customers; i++) {
    age[i] = minAge + (maxAge - minAge) * random();
    simulateRepeatPurchaseTimes(random, model, age[i], times);
    frequency[i] = times.length;
    recency[i] = times.length > 0 ? times[times.length - 1] : 0;
    if (spend && times.length > 0) {
      const scale = sampleGamma(random, spend.q, spend.gamma);
      let total = 0;
      for (let k = 0; k < times.length; k++) total += sampleGamma(random, spend.p, scale);
      monetaryValue[i] = total / times.length;
    }
  }
  return { frequency, recency, age, monetaryValue };
}

/**
 * Purchase columns as a store would hold them: integer day numbers from a
 * continuous-time simulation in days (several purchases may fall on one day),
 * first purchases uniform over [firstDay, firstDay + acquisitionDays), observed up to endDay.
 * Amounts follow the Gamma-Gamma model per purchase when `spend` is given, else 1.
 */
export function simulatePurchaseColumns(
  random: Random,
  model: TransactionModelParams,
  options: { customers: number; firstDay: number; acquisitionDays: number; endDay: number; spend?: GammaGammaParams },
): PurchaseColumns {
  const { customers, firstDay, acquisitionDays, endDay, spend } = options;
  let capacity = customers * 4;
  let customerIndex = new Int32Array(capacity);
  let day = new Int32Array(capacity);
  let amount = new Float64Array(capacity);
  let length = 0;
  const push = (customer: number, purchaseDay: number, value: number): void => {
    if (length === capacity) {
      capacity *= 2;
      customerIndex = grow(customerIndex, capacity);
      day = grow(day, capacity);
      amount = grow(amount, capacity);
    }
    customerIndex[length] = customer;
    day[length] = purchaseDay;
    amount[length++] = value;
  };
  const times: number[] = [];
  for (let customer = 0; customer < customers; customer++) {
    const birth = firstDay + Math.floor(acquisitionDays * random());
    const scale = spend ? sampleGamma(random, spend.q, spend.gamma) : 0;
    const value = (): number => (spend ? sampleGamma(random, spend.p, scale) : 1);
    push(customer, birth, value());
    // the day of the first purchase is a whole day: the process starts at its end
    simulateRepeatPurchaseTimes(random, model, endDay - birth, times);
    for (const t of times) push(customer, birth + Math.ceil(t), value());
  }
  return { customerIndex: customerIndex.slice(0, length), day: day.slice(0, length), amount: amount.slice(0, length) };
}

function grow<T extends Int32Array | Float64Array>(array: T, capacity: number): T {
  const larger = new (array.constructor as new (length: number) => T)(capacity);
  larger.set(array);
  return larger;
}
