import { judgeDrop, seasonalBaseline, type DropThresholds } from './seasonal-baseline.js';

export type MetricName = 'revenue' | 'orders' | 'active_customers';
export type Dimension = 'all' | 'channel' | 'category' | 'type';
export type Granularity = 'day' | 'week';

/** One metric row per segment and bucket; bucket 0 is the window being judged, 1 the one before, … */
export type MetricPoint = { bucket: number; dimension: Dimension; segment: string; revenue: number; orders: number; customers: number };

export type SegmentContribution = { dimension: Dimension; segment: string; expected: number; actual: number; contribution: number; share: number; changePct: number };

export type DropAlert = {
  metric: MetricName;
  scope: string;
  granularity: Granularity;
  expected: number;
  actual: number;
  changePct: number;
  zScore: number;
  comparables: number[];
  /** For the whole store: the segments that explain most of the drop, best first. */
  explainedBy: SegmentContribution[];
};

export const metricNames: MetricName[] = ['revenue', 'orders', 'active_customers'];

const valueOf = (point: MetricPoint, metric: MetricName) => (metric === 'revenue' ? point.revenue : metric === 'orders' ? point.orders : point.customers);

/**
 * Customer types defined by not buying: their customers bought nothing lately by definition, so
 * "at_risk fell by 100%" explains no drop; they are left out of a drop's explanation.
 */
export const typesDefinedByNotBuying: readonly string[] = ['at_risk', 'lapsed'];

/** Whether a segment may explain a drop: any but a customer type defined by not buying. */
export const isExplainingSegment = (entry: { dimension: string; segment: string }) => !(entry.dimension === 'type' && typesDefinedByNotBuying.includes(entry.segment));

/** A segment's own alert is worth raising only when it fell clearly more than the whole store. */
const segmentSeverityRatio = 1.5;

type Evaluated = { dimension: Dimension; segment: string; actual: number; expected: number; changePct: number; zScore: number; isDrop: boolean; comparables: number[] };

/**
 * Judges the latest window of every series against its seasonal baseline and
 * attributes store-wide drops to the segments (channel, category, customer
 * type) whose shortfall adds up to most of it.
 */
export function detectDrops(points: readonly MetricPoint[], options: { granularity: Granularity; weeksOfHistory: number; thresholds: DropThresholds }): DropAlert[] {
  const step = options.granularity === 'day' ? 7 : 1;
  const series = new Map<string, Map<number, MetricPoint>>();
  for (const point of points) {
    const key = `${point.dimension}:${point.segment}`;
    if (!series.has(key)) series.set(key, new Map());
    series.get(key)!.set(point.bucket, point);
  }
  const alerts: DropAlert[] = [];
  for (const metric of metricNames) {
    const evaluated: Evaluated[] = [];
    for (const buckets of series.values()) {
      const sample = buckets.values().next().value!;
      const at = (bucket: number) => { const point = buckets.get(bucket); return point ? valueOf(point, metric) : 0; };
      const comparables = Array.from({ length: options.weeksOfHistory }, (_, index) => at((options.weeksOfHistory - index) * step));
      const baseline = seasonalBaseline(comparables, metric !== 'revenue');
      const actual = at(0);
      evaluated.push({ dimension: sample.dimension, segment: sample.segment, actual, expected: baseline.expected, comparables, ...judgeDrop(actual, baseline, options.thresholds) });
    }
    const whole = evaluated.find((entry) => entry.dimension === 'all');
    if (whole?.isDrop) alerts.push(toAlert(metric, options.granularity, whole, attribute(whole, evaluated)));
    // Customer-type series put past orders under today's types, which the drop
    // itself changes (buyers who stop become at risk), so types explain drops but never raise them.
    let segments = evaluated.filter((entry) => entry.dimension !== 'all' && entry.dimension !== 'type' && entry.isDrop);
    if (whole?.isDrop) {
      // When the whole store drops, name only the cut that localises it best:
      // segments that fell clearly harder than the whole, in the one dimension
      // with the sharpest such segment. Other cuts (e.g. customer types, which
      // are themselves moved by the drop) stay in the explanation.
      segments = segments.filter((entry) => entry.changePct <= whole.changePct * segmentSeverityRatio);
      const sharpest = [...segments].sort((a, b) => a.changePct - b.changePct)[0];
      segments = segments.filter((entry) => entry.dimension === sharpest?.dimension);
    }
    for (const entry of segments) alerts.push(toAlert(metric, options.granularity, entry, []));
  }
  return alerts;
}

function attribute(whole: Evaluated, evaluated: readonly Evaluated[]): SegmentContribution[] {
  const shortfall = whole.actual - whole.expected;
  if (shortfall >= 0) return [];
  return evaluated
    .filter((entry) => entry.dimension !== 'all' && entry.actual < entry.expected && isExplainingSegment(entry))
    .map((entry) => ({
      dimension: entry.dimension,
      segment: entry.segment,
      expected: entry.expected,
      actual: entry.actual,
      contribution: entry.actual - entry.expected,
      share: (entry.actual - entry.expected) / shortfall,
      changePct: entry.changePct,
    }))
    // explains much of the shortfall and fell sharply: a big segment that merely
    // shrank with everything else ranks below a smaller one that collapsed
    .sort((a, b) => b.share * -b.changePct - a.share * -a.changePct)
    .slice(0, 5);
}

function toAlert(metric: MetricName, granularity: Granularity, entry: Evaluated, explainedBy: SegmentContribution[]): DropAlert {
  return {
    metric,
    scope: entry.dimension === 'all' ? 'all' : `${entry.dimension}:${entry.segment}`,
    granularity,
    expected: entry.expected,
    actual: entry.actual,
    changePct: entry.changePct,
    zScore: entry.zScore,
    comparables: entry.comparables,
    explainedBy,
  };
}
