import { expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { loadAnalysisContext } from './analysis-context.js';
import { resolveAsOfDay } from './settings.repo.js';

describeEachStore('analysis context', (context) => {
  it('works out the as-of day and its end with the settings, as resolving the day on its own does', async () => {
    const db = context.store.db;
    await seedStore(db, { customerIds: [], orders: [], timezone: 'America/New_York' });
    const cases: Array<[string | Date | undefined, string]> = [
      ['2026-03-07', '2026-03-07'],
      // the night the clocks go forward: the day still ends at midnight local time
      ['2026-03-08', '2026-03-08'],
      [new Date('2026-03-08T04:59:59Z'), '2026-03-07'],
      [new Date('2026-03-08T05:00:00Z'), '2026-03-08'],
      ['2026-03-09T01:00:00Z', '2026-03-08'],
      [undefined, '2026-11-01'],
    ];
    for (const [input, day] of cases) {
      const loaded = await loadAnalysisContext(db, input, fixedClock('2026-11-01T15:00:00Z'));
      expect(loaded.asOf, String(input)).toEqual(await resolveAsOfDay(db, day, 'America/New_York'));
    }
    expect((await loadAnalysisContext(db, '2026-03-08')).asOf.instant.toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });

  it('rejects an as-of that is not a date before reading the store', async () => {
    await expect(loadAnalysisContext(context.store.db, 'someday')).rejects.toThrow(/is not a date/);
  });
});
