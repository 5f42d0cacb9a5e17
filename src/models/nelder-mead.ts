/**
 * Nelder-Mead simplex minimisation (Lagarias, Reeds, Wright & Wright 1998,
 * "Convergence properties of the Nelder-Mead simplex method in low
 * dimensions"), with restarts from the best vertex. Gradient-free, so it is
 * the independent check on the BFGS fits (bench and tests), not the default.
 */
export type NelderMeadOptions = { tolerance?: number; maxEvaluations?: number; initialStep?: number; restarts?: number };

export function minimiseNelderMead(
  objective: (point: Float64Array) => number,
  start: ArrayLike<number>,
  options: NelderMeadOptions = {},
): { point: Float64Array; value: number; evaluations: number } {
  const tolerance = options.tolerance ?? 1e-12;
  const maxEvaluations = options.maxEvaluations ?? 20_000;
  let best: Float64Array = Float64Array.from(start);
  let bestValue = objective(best);
  let evaluations = 1;
  for (let restart = 0; restart <= (options.restarts ?? 2); restart++) {
    const result = runSimplex(objective, best, options.initialStep ?? 0.3, tolerance, maxEvaluations - evaluations);
    evaluations += result.evaluations;
    if (result.value > bestValue) break;
    best = result.point;
    bestValue = result.value;
  }
  return { point: best, value: bestValue, evaluations };
}

function runSimplex(objective: (point: Float64Array) => number, start: Float64Array, step: number, tolerance: number, budget: number) {
  const n = start.length;
  const safe = (point: Float64Array): number => {
    const value = objective(point);
    return Number.isFinite(value) ? value : Infinity;
  };
  const vertices: Float64Array[] = [Float64Array.from(start)];
  for (let i = 0; i < n; i++) {
    const vertex = Float64Array.from(start);
    vertex[i] += step;
    vertices.push(vertex);
  }
  const values = vertices.map(safe);
  let evaluations = n + 1;
  const combine = (centroid: Float64Array, worst: Float64Array, coefficient: number): Float64Array =>
    centroid.map((value, i) => value + coefficient * (value - worst[i]));
  while (evaluations < budget) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const sortedVertices = order.map((i) => vertices[i]);
    const sortedValues = order.map((i) => values[i]);
    vertices.splice(0, vertices.length, ...sortedVertices);
    values.splice(0, values.length, ...sortedValues);
    const spread = Math.abs(values[n] - values[0]);
    let size = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) size = Math.max(size, Math.abs(vertices[i][j] - vertices[0][j]));
    if (spread <= tolerance * (Math.abs(values[0]) + 1e-300) && size <= 1e-9) break;
    if (size <= 1e-13) break;
    const centroid = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += vertices[i][j] / n;
    const reflected = combine(centroid, vertices[n], 1);
    const reflectedValue = safe(reflected);
    evaluations++;
    if (reflectedValue < values[0]) {
      const expanded = combine(centroid, vertices[n], 2);
      const expandedValue = safe(expanded);
      evaluations++;
      if (expandedValue < reflectedValue) [vertices[n], values[n]] = [expanded, expandedValue];
      else [vertices[n], values[n]] = [reflected, reflectedValue];
      continue;
    }
    if (reflectedValue < values[n - 1]) {
      [vertices[n], values[n]] = [reflected, reflectedValue];
      continue;
    }
    const isOutside = reflectedValue < values[n];
    const contracted = combine(centroid, vertices[n], isOutside ? 0.5 : -0.5);
    const contractedValue = safe(contracted);
    evaluations++;
    if (contractedValue < (isOutside ? reflectedValue : values[n])) {
      [vertices[n], values[n]] = [contracted, contractedValue];
      continue;
    }
    for (let i = 1; i <= n; i++) {
      vertices[i] = vertices[i].map((value, j) => vertices[0][j] + 0.5 * (value - vertices[0][j]));
      values[i] = safe(vertices[i]);
      evaluations++;
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[bestIndex]) bestIndex = i;
  return { point: vertices[bestIndex], value: values[bestIndex], evaluations };
}
