import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { compareGroupDrift } from '../personas/index.js';
import { insertSegment } from './segments.repo.js';
import { createSegment, getSegment, updateSegment } from './segments.service.js';

const clock = fixedClock('2026-12-01T00:00:00Z');

describeEachStore('finding a segment by name in any letter case', (context) => {
  const db = () => context.store.db;

  it('finds a segment by its name in another case, and drift takes it as a group', async () => {
    const { segment } = await createSegment(db(), { name: 'Champs', filter: { and: [] } }, { actor: 'test', clock });
    await updateSegment(db(), segment.segment_id, { name: 'CHAMPS' }, { clock });
    expect((await getSegment(db(), 'champs')).segment_id).toBe(segment.segment_id);
    expect((await getSegment(db(), 'Champs')).segment_id).toBe(segment.segment_id);
    const period = (from: string, to: string) => ({ from, to });
    const drift = await compareGroupDrift(db(), { group: { kind: 'segment', segment: 'champs' }, before: period('2026-10-01', '2026-11-01'), after: period('2026-11-01', '2026-12-01') });
    expect(drift.group).toBe('segment "CHAMPS"');
  });

  it('prefers the exact spelling where an older store holds names differing only in case, and names both otherwise', async () => {
    // stores made before the rule may hold both; the service no longer creates such a pair
    const lower = await insertSegment(db(), { name: 'vips', description: null, filter: { and: [] }, createdBy: 'test' });
    const title = await insertSegment(db(), { name: 'Vips', description: null, filter: { and: [] }, createdBy: 'test' });
    expect((await getSegment(db(), 'vips')).segment_id).toBe(lower);
    expect((await getSegment(db(), 'Vips')).segment_id).toBe(title);
    await expect(getSegment(db(), 'VIPS')).rejects.toMatchObject({
      code: 'SEGMENT_NOT_FOUND', message: expect.stringContaining(`#${lower} "vips", #${title} "Vips"`), details: { segmentIds: [lower, title] },
    });
  });
});
