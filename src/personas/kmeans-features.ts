/**
 * Turns a customer's demographics and behaviour into a point for k-means.
 * Pure: the population statistics it needs come in as a `FeatureContext`, and
 * everything needed to place a customer later is kept in the `FeatureSpec`.
 *
 * Each concept (age, income, city size, channel mix, …) is a group of columns
 * whose total variance is scaled to 1, so a six-column channel mix weighs as much
 * as age and one-hot blocks do not drown the numerics. Missing values are
 * imputed with the mean and flagged by an indicator column in the same group,
 * so customers with unknown age are kept and can even form their own persona.
 */
export const channels = ['store', 'web', 'mobile', 'marketplace', 'phone', 'other'] as const;
export type Channel = (typeof channels)[number];

export type RawCustomer = {
  customerId: number;
  kind: string;
  birthYear: number | null;
  incomeBand: string | null;
  city: string | null;
  orderCount: number;
  purchaseDays: number;
  revenueMinor: number;
  firstPurchaseAt: Date | null;
  channelOrders: Record<Channel, number>;
  /** Amount per category (minor units). */
  categories: Record<string, number>;
  /** Children at home and whether living with a partner, when the store records households. */
  household: { children: number | null; isPartnered: boolean | null } | null;
};

export type FeatureContext = {
  asOf: string;
  /** Buyers per city, which stands in for city size when no population figures exist. */
  cityCustomers: Record<string, number>;
  /** The categories with their own column; the rest share "other". */
  categoryLevels: string[];
  /** Income bands from lowest to highest. */
  incomeLevels: string[];
  hasHousehold: boolean;
};

export type FeatureGroup = 'age' | 'income' | 'city' | 'kind' | 'channel' | 'category' | 'frequency' | 'spend' | 'basket' | 'household';
export type FeatureColumn = { name: string; group: FeatureGroup; kind: 'numeric' | 'share' | 'indicator'; label: string };

export type FeatureSpec = {
  version: 1;
  context: FeatureContext;
  columns: FeatureColumn[];
  /** Observed mean per column: the imputed value and the centre. */
  means: number[];
  /** Raw standard deviation per column (for standardised differences). */
  deviations: number[];
  /** Per column: 1/sd for numerics times the group's weight. */
  multipliers: number[];
};

const dayMs = 86_400_000;

export function buildColumns(context: FeatureContext): FeatureColumn[] {
  const columns: FeatureColumn[] = [
    { name: 'age', group: 'age', kind: 'numeric', label: 'age' },
    { name: 'age_missing', group: 'age', kind: 'indicator', label: 'age unknown' },
    { name: 'income', group: 'income', kind: 'numeric', label: 'income' },
    { name: 'income_missing', group: 'income', kind: 'indicator', label: 'income unknown' },
    { name: 'city_size', group: 'city', kind: 'numeric', label: 'city size' },
    { name: 'city_missing', group: 'city', kind: 'indicator', label: 'city unknown' },
    { name: 'organization', group: 'kind', kind: 'indicator', label: 'business' },
    ...channels.map((channel): FeatureColumn => ({ name: `channel:${channel}`, group: 'channel', kind: 'share', label: channel })),
    ...[...context.categoryLevels, 'other'].map((category): FeatureColumn => ({ name: `category:${category}`, group: 'category', kind: 'share', label: category })),
    { name: 'frequency', group: 'frequency', kind: 'numeric', label: 'purchase frequency' },
    { name: 'spend', group: 'spend', kind: 'numeric', label: 'spend' },
    { name: 'basket', group: 'basket', kind: 'numeric', label: 'basket size' },
  ];
  if (context.hasHousehold) {
    columns.push(
      { name: 'children', group: 'household', kind: 'numeric', label: 'children at home' },
      { name: 'children_missing', group: 'household', kind: 'indicator', label: 'household unknown' },
      { name: 'partnered', group: 'household', kind: 'indicator', label: 'partnered' },
    );
  }
  return columns;
}

/** Raw values in column order; NaN marks a missing value. */
export function rawFeatures(customer: RawCustomer, context: FeatureContext, columns: FeatureColumn[]): Float64Array {
  const asOf = Date.parse(context.asOf);
  const asOfYear = new Date(asOf).getUTCFullYear();
  const values = new Float64Array(columns.length);
  const orders = Math.max(customer.orderCount, 0);
  const categoryTotal = Object.values(customer.categories).reduce((sum, amount) => sum + Math.max(amount, 0), 0);
  const incomeIndex = customer.incomeBand === null ? -1 : context.incomeLevels.indexOf(customer.incomeBand);
  const tenureYears = customer.firstPurchaseAt ? Math.max((asOf - customer.firstPurchaseAt.getTime()) / (365.25 * dayMs), 0.25) : 1;
  const age = customer.birthYear === null ? NaN : asOfYear - customer.birthYear;
  const isPlausibleAge = age >= 14 && age <= 100;
  columns.forEach((column, index) => {
    const [prefix, level] = column.name.split(':');
    let value: number;
    switch (prefix) {
      case 'age': value = isPlausibleAge ? age : NaN; break;
      case 'age_missing': value = isPlausibleAge ? 0 : 1; break;
      case 'income': value = incomeIndex < 0 ? NaN : context.incomeLevels.length > 1 ? incomeIndex / (context.incomeLevels.length - 1) : 0; break;
      case 'income_missing': value = incomeIndex < 0 ? 1 : 0; break;
      case 'city_size': value = customer.city === null ? NaN : Math.log1p(context.cityCustomers[customer.city] ?? 1); break;
      case 'city_missing': value = customer.city === null ? 1 : 0; break;
      case 'organization': value = customer.kind === 'organization' ? 1 : 0; break;
      case 'channel': value = orders > 0 ? (customer.channelOrders[level as Channel] ?? 0) / orders : 0; break;
      case 'category': {
        const amount = level === 'other'
          ? Object.entries(customer.categories).filter(([name]) => !context.categoryLevels.includes(name)).reduce((sum, [, a]) => sum + Math.max(a, 0), 0)
          : Math.max(customer.categories[level] ?? 0, 0);
        value = categoryTotal > 0 ? amount / categoryTotal : 0;
        break;
      }
      // purchase days per year as a customer: a two-year regular and a new one compare fairly
      case 'frequency': value = Math.log1p(customer.purchaseDays / tenureYears); break;
      case 'spend': value = Math.log1p(Math.max(customer.revenueMinor, 0)); break;
      case 'basket': value = Math.log1p(orders > 0 ? Math.max(customer.revenueMinor, 0) / orders : 0); break;
      case 'children': value = customer.household?.children ?? NaN; break;
      case 'children_missing': value = customer.household?.children === null || !customer.household ? 1 : 0; break;
      case 'partnered': value = customer.household?.isPartnered ? 1 : 0; break;
      default: value = NaN;
    }
    values[index] = value;
  });
  return values;
}

/** Means, deviations and group weights from a sample of raw rows. */
export function fitFeatureSpec(rows: Float64Array[], context: FeatureContext, columns = buildColumns(context)): FeatureSpec {
  const width = columns.length;
  const means = new Array<number>(width).fill(0);
  const deviations = new Array<number>(width).fill(0);
  const scaledVariance = new Array<number>(width).fill(0);
  for (let j = 0; j < width; j++) {
    let count = 0;
    let sum = 0;
    let squares = 0;
    for (const row of rows) {
      const value = row[j];
      if (Number.isNaN(value)) continue;
      count += 1;
      sum += value;
      squares += value * value;
    }
    const mean = count > 0 ? sum / count : 0;
    const variance = count > 0 ? Math.max(squares / count - mean * mean, 0) : 0;
    means[j] = mean;
    deviations[j] = Math.sqrt(variance);
    // after mean imputation the spread shrinks by the observed share
    const observed = rows.length > 0 ? count / rows.length : 0;
    scaledVariance[j] = columns[j].kind === 'numeric' ? (variance > 0 ? observed : 0) : variance;
  }
  const groupVariance = new Map<FeatureGroup, number>();
  columns.forEach((column, j) => groupVariance.set(column.group, (groupVariance.get(column.group) ?? 0) + scaledVariance[j]));
  const multipliers = columns.map((column, j) => {
    const total = groupVariance.get(column.group) ?? 0;
    if (total <= 1e-12) return 0;
    const unit = column.kind === 'numeric' ? (deviations[j] > 0 ? 1 / deviations[j] : 0) : 1;
    return unit / Math.sqrt(total);
  });
  return { version: 1, context, columns, means, deviations, multipliers };
}

/** The point in the model's space: centred, imputed, scaled. */
export function toPoint(raw: Float64Array, spec: FeatureSpec): number[] {
  const point = new Array<number>(raw.length);
  for (let j = 0; j < raw.length; j++) {
    const value = Number.isNaN(raw[j]) ? spec.means[j] : raw[j];
    point[j] = (value - spec.means[j]) * spec.multipliers[j];
  }
  return point;
}

/** Back from the model's space to raw values; columns with no weight read as the mean. */
export function fromPoint(point: readonly number[], spec: FeatureSpec): number[] {
  return point.map((value, j) => (spec.multipliers[j] === 0 ? spec.means[j] : value / spec.multipliers[j] + spec.means[j]));
}

/** Re-expresses a centroid of an older model in a new model's space, matching columns by name. */
export function translateCentroid(centroid: readonly number[], from: FeatureSpec, to: FeatureSpec): number[] {
  const raw = fromPoint(centroid, from);
  const byName = new Map(from.columns.map((column, j) => [column.name, raw[j]]));
  return to.columns.map((column, j) => {
    const value = byName.get(column.name);
    return value === undefined ? 0 : (value - to.means[j]) * to.multipliers[j];
  });
}

/** Orders income bands by the first number in their label ("<5M" < "5-10M" < ">20M"). */
export function orderIncomeBands(bands: string[]): string[] {
  const scale = (suffix: string) => (/^[kK]$/.test(suffix) ? 1e3 : /^[mM]$/.test(suffix) ? 1e6 : /^[bB]$/.test(suffix) ? 1e9 : 1);
  const key = (band: string) => {
    const numbers = [...band.matchAll(/(\d+(?:[.,]\d+)?)\s*([kKmMbB]?)/g)];
    if (numbers.length === 0) return Number.POSITIVE_INFINITY;
    // "5-10M": the first number borrows the unit written after the second
    const suffix = numbers[0][2] || numbers.find((number) => number[2])?.[2] || '';
    const value = Number(numbers[0][1].replace(',', '.')) * scale(suffix);
    const trimmed = band.trim();
    // "<5M" is below 5M, ">20M" and "100k+" above their number
    return trimmed.startsWith('<') ? value - 0.5 : trimmed.startsWith('>') || trimmed.endsWith('+') ? value + 0.5 : value;
  };
  return [...bands].sort((a, b) => key(a) - key(b) || a.localeCompare(b));
}
