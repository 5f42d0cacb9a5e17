import type { FeatureColumn, FeatureGroup, FeatureSpec } from './kmeans-features.js';

export type PersonaTrait = { column: string; group: FeatureGroup; word: string; difference: number };

/** Words for a column that is notably high (and, for numerics, notably low) in a persona. */
function wordsFor(column: FeatureColumn): { high: string | null; low: string | null } {
  switch (column.name) {
    case 'age': return { high: 'older', low: 'young' };
    case 'income': return { high: 'affluent', low: 'low-income' };
    case 'city_size': return { high: 'big-city', low: 'small-town' };
    case 'organization': return { high: 'business', low: null };
    case 'frequency': return { high: 'frequent', low: 'occasional' };
    case 'spend': return { high: 'high-spend', low: 'low-spend' };
    case 'basket': return { high: 'big-basket', low: 'small-basket' };
    case 'children': return { high: 'families', low: null };
    case 'partnered': return { high: 'couples', low: 'singles' };
    default:
      if (column.kind === 'share') return { high: column.label === 'other' ? null : column.label.toLowerCase(), low: null };
      // "unknown" indicators describe our data, not the customers
      return { high: null, low: null };
  }
}

const demographic: FeatureGroup[] = ['age', 'household', 'income', 'city', 'kind', 'frequency', 'spend', 'basket'];
const threshold = 0.5;

/**
 * The traits that set each persona apart: for every column, the difference of
 * the persona's mean from the population mean in population standard
 * deviations (a standardised mean difference), strongest first, at most one per
 * concept. `rows` are raw feature rows of a sample, `labels` their persona.
 */
export function distinguishingTraits(spec: FeatureSpec, rows: Float64Array[], labels: number[], k: number): PersonaTrait[][] {
  const width = spec.columns.length;
  const sums = Array.from({ length: k }, () => new Float64Array(width));
  const counts = Array.from({ length: k }, () => new Float64Array(width));
  rows.forEach((row, index) => {
    for (let j = 0; j < width; j++) {
      if (Number.isNaN(row[j])) continue;
      sums[labels[index]][j] += row[j];
      counts[labels[index]][j] += 1;
    }
  });
  return sums.map((sum, cluster) => {
    const traits: PersonaTrait[] = [];
    spec.columns.forEach((column, j) => {
      if (counts[cluster][j] === 0 || spec.deviations[j] === 0 || spec.multipliers[j] === 0) return;
      const difference = (sum[j] / counts[cluster][j] - spec.means[j]) / spec.deviations[j];
      const words = wordsFor(column);
      const word = difference > 0 ? words.high : words.low;
      if (word && Math.abs(difference) >= threshold) traits.push({ column: column.name, group: column.group, word, difference });
    });
    traits.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference));
    const seen = new Set<FeatureGroup>();
    return traits.filter((trait) => (seen.has(trait.group) ? false : (seen.add(trait.group), true)));
  });
}

/**
 * "young big-city, mobile, coffee": up to four of the strongest traits,
 * adjectives first, then the channel, then the category.
 */
export function personaName(traits: PersonaTrait[]): string {
  const chosen = traits.slice(0, 4);
  const adjectives = chosen.filter((trait) => demographic.includes(trait.group)).sort((a, b) => demographic.indexOf(a.group) - demographic.indexOf(b.group)).map((trait) => trait.word);
  const channel = chosen.filter((trait) => trait.group === 'channel').map((trait) => trait.word);
  const category = chosen.filter((trait) => trait.group === 'category').map((trait) => trait.word);
  const parts = [adjectives.join(' '), ...channel, ...category].filter((part) => part.length > 0);
  return parts.length > 0 ? parts.join(', ') : 'typical customers';
}

/** Names that read the same get a number, so a marketer can tell them apart. */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}
