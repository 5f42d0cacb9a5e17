import { describe, expect, it } from 'vitest';
import { detectDrops, type MetricPoint } from './detect-drops.js';

const thresholds = { zThreshold: 3.5, minDropPercent: 15, minExpected: 5 };

/** Weekly points for 9 windows (bucket 0 judged): web and store channels, two categories split evenly. */
function weeklyStore(webFactor: number): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (let bucket = 0; bucket <= 8; bucket += 1) {
    const wobble = [0, 5, -5, 3, -3, 2, -2, 4, -4][bucket];
    const web = (400 + wobble) * (bucket === 0 ? webFactor : 1);
    const store = 600 - wobble;
    const add = (dimension: MetricPoint['dimension'], segment: string, revenue: number) =>
      points.push({ bucket, dimension, segment, revenue, orders: revenue / 10, customers: revenue / 20 });
    add('all', 'all', web + store);
    add('channel', 'web', web);
    add('channel', 'store', store);
    add('category', 'Books', (web + store) / 2);
    add('category', 'Music', (web + store) / 2);
  }
  return points;
}

describe('detectDrops', () => {
  it('catches a 40% drop in one channel and attributes the store-wide drop to it', () => {
    const alerts = detectDrops(weeklyStore(0.6), { granularity: 'week', weeksOfHistory: 8, thresholds });
    const revenue = alerts.filter((alert) => alert.metric === 'revenue');
    expect(revenue.map((alert) => alert.scope).sort()).toEqual(['all', 'channel:web']);
    const whole = revenue.find((alert) => alert.scope === 'all')!;
    expect(whole.changePct).toBeCloseTo(-16, 0);
    expect(whole.explainedBy[0]).toMatchObject({ dimension: 'channel', segment: 'web' });
    expect(whole.explainedBy[0].share).toBeGreaterThan(0.95);
  });

  it('leaves customer types defined by not buying (at risk, lapsed) out of a drop\'s explanation', () => {
    const points = weeklyStore(0.6);
    for (let bucket = 0; bucket <= 8; bucket += 1) {
      const wobble = [0, 5, -5, 3, -3, 2, -2, 4, -4][bucket];
      // at risk and lapsed customers bought nothing in the judged week, by their definition; regulars fell with the web
      const revenueOf = (segment: string) => (segment === 'regular' ? (300 + wobble) * (bucket === 0 ? 0.5 : 1) : bucket === 0 ? 0 : 50 + wobble);
      for (const segment of ['regular', 'at_risk', 'lapsed']) {
        const revenue = revenueOf(segment);
        points.push({ bucket, dimension: 'type', segment, revenue, orders: revenue / 10, customers: revenue / 20 });
      }
    }
    const whole = detectDrops(points, { granularity: 'week', weeksOfHistory: 8, thresholds }).find((alert) => alert.metric === 'revenue' && alert.scope === 'all')!;
    expect(whole.explainedBy.map((entry) => `${entry.dimension}:${entry.segment}`)).toContain('type:regular');
    expect(whole.explainedBy.filter((entry) => entry.dimension === 'type' && entry.segment !== 'regular')).toEqual([]);
  });

  it('raises nothing for an ordinary week', () => {
    expect(detectDrops(weeklyStore(1), { granularity: 'week', weeksOfHistory: 8, thresholds })).toEqual([]);
  });

  it('compares a day with the same weekday of earlier weeks, so a usual Sunday low raises nothing', () => {
    // daily revenue: 1000 on weekdays, 400 on Sundays (bucket 0 and every 7th day back are Sundays)
    const points: MetricPoint[] = [];
    for (let bucket = 0; bucket <= 56; bucket += 1) {
      const revenue = bucket % 7 === 0 ? 400 + (bucket % 3) : 1000 + (bucket % 5);
      points.push({ bucket, dimension: 'all', segment: 'all', revenue, orders: revenue / 10, customers: revenue / 20 });
    }
    expect(detectDrops(points, { granularity: 'day', weeksOfHistory: 8, thresholds })).toEqual([]);
  });
});
