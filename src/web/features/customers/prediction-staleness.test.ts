import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../api/types.js';
import { predictionStaleness, rfmStaleness } from './prediction-staleness.js';

const prediction = { asOf: '2026-11-30', predictedAt: '2026-12-01T02:00:00.000Z' };
const placed: TimelineEntry = { at: '2026-11-30T17:00:00.000Z', kind: 'prediction', id: 7, title: 'predicted value updated', detail: {} };
const order = (at: string, id = 1): TimelineEntry => ({ at, kind: 'order', id, title: 'paid order', detail: { status: 'paid' } });
const merge = (at: string, undoneAt: string | null = null): TimelineEntry => ({
  at, kind: 'merge', id: 3, title: 'merged with customer #926', detail: { mergeId: 3, keptCustomerId: 2319, mergedCustomerId: 926, undoneAt },
});

describe('predictionStaleness', () => {
  it('says a prediction made before a merge that stands is out of date, naming the other customer', () => {
    expect(predictionStaleness(prediction, [merge('2026-12-05T06:00:00.000Z'), placed, order('2026-11-02T10:00:00Z')], 2319))
      .toEqual({ reason: 'merge', at: '2026-12-05T06:00:00.000Z', otherCustomerId: 926 });
  });

  it('says so of the undo, since the prediction, of a merge made before it', () => {
    expect(predictionStaleness(prediction, [merge('2026-11-20T06:00:00.000Z', '2026-12-05T07:00:00.000Z'), placed], 2319))
      .toEqual({ reason: 'mergeUndone', at: '2026-12-05T07:00:00.000Z', otherCustomerId: 926 });
  });

  it('leaves a prediction current when the merge came before it, or a merge and its undo both since', () => {
    expect(predictionStaleness(prediction, [placed, merge('2026-11-20T06:00:00.000Z')], 2319)).toBeNull();
    expect(predictionStaleness(prediction, [merge('2026-12-04T06:00:00.000Z', '2026-12-04T07:00:00.000Z'), placed], 2319)).toBeNull();
    expect(predictionStaleness(prediction, [placed, order('2026-11-30T09:00:00Z')], 2319)).toBeNull();
  });

  it("counts orders after the day the prediction describes, by the timeline's placing of it", () => {
    expect(predictionStaleness(prediction, [order('2026-12-03T09:00:00Z', 2), order('2026-12-01T09:00:00Z', 1), placed], 2319))
      .toEqual({ reason: 'orders', at: '2026-12-03T09:00:00Z', count: 2 });
    // without the timeline's entry: the end of the as-of day in UTC
    expect(predictionStaleness(prediction, [order('2026-11-30T20:00:00Z')], 2319)).toBeNull();
    expect(predictionStaleness(prediction, [order('2026-12-01T00:30:00Z')], 2319)).toMatchObject({ reason: 'orders', count: 1 });
  });
});

describe('predictionStaleness with the server\'s count of orders recorded since', () => {
  it('says so of an order dated before the as-of day but recorded after the prediction, which no timeline date shows', () => {
    const lateExport = order('2026-11-20T09:00:00Z');
    expect(predictionStaleness(prediction, [placed, lateExport], 2319)).toBeNull();
    expect(predictionStaleness(prediction, [placed, lateExport], 2319, 1)).toEqual({ reason: 'recorded', count: 1 });
  });

  it('puts a merge since first, and falls back to the order dates when the server counts none', () => {
    expect(predictionStaleness(prediction, [merge('2026-12-05T06:00:00.000Z'), placed], 2319, 2)).toMatchObject({ reason: 'merge' });
    expect(predictionStaleness(prediction, [order('2026-12-03T09:00:00Z'), placed], 2319, 0)).toMatchObject({ reason: 'orders', count: 1 });
  });
});

describe('rfmStaleness, judged as the prediction is', () => {
  const rfm = { analysed_at: '2026-12-01T02:00:00.000Z', orders_recorded_since: 0 };

  it('says an RFM score made before a merge that stands is out of date, though the server counted nothing', () => {
    expect(rfmStaleness(rfm, [merge('2026-12-05T06:00:00.000Z')], 2319)).toEqual({ reason: 'merge', at: '2026-12-05T06:00:00.000Z', otherCustomerId: 926 });
    expect(rfmStaleness({ ...rfm, orders_recorded_since: 2 }, [merge('2026-12-05T06:00:00.000Z')], 2319)).toMatchObject({ reason: 'merge' });
    expect(rfmStaleness(rfm, [merge('2026-11-20T06:00:00.000Z', '2026-12-05T07:00:00.000Z')], 2319)).toMatchObject({ reason: 'mergeUndone', otherCustomerId: 926 });
  });

  it('falls back to the server\'s count, and is current when neither says otherwise', () => {
    expect(rfmStaleness({ ...rfm, orders_recorded_since: 2 }, [], 2319)).toEqual({ reason: 'recorded', count: 2 });
    expect(rfmStaleness(rfm, [merge('2026-11-20T06:00:00.000Z'), order('2026-12-03T09:00:00Z')], 2319)).toBeNull();
  });
});
