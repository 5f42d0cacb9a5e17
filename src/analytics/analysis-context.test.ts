import { expect, it } from 'vitest';
import { fixedClock } from '../core/clock.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { sql } from 'kysely';
import { contextAt, loadAnalysisContext, storeAnalysisContextFrom, storeAnalysisContextItem } from './analysis-context.js';
import { writeTypePolicySetting } from './settings.repo.js';
import { recordAnalysisRun } from './types.repo.js';
import { defaultTypePolicy } from './policy.js';
import { resolveAsOfDay } from './settings.repo.js';
import { storeDefaults } from '../core/store-defaults.js';
import { getStoreSettings } from '../settings/index.js';

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
    // fixed instants, not only agreement with resolveAsOfDay
    expect((await loadAnalysisContext(db, '2026-03-08')).asOf.instant.toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect((await loadAnalysisContext(db, new Date('2026-03-08T04:59:59Z'))).asOf).toEqual({ day: '2026-03-07', instant: new Date('2026-03-08T05:00:00.000Z') });
  });

  it('gives the same context from settings read earlier, with another statement, at any as-of', async () => {
    const db = context.store.db;
    await seedStore(db, { customerIds: [], orders: [], timezone: 'America/New_York' });
    await writeTypePolicySetting(db, { ...defaultTypePolicy, vip: { ...defaultTypePolicy.vip, topPercent: 3 } });
    await recordAnalysisRun(db, {
      asOf: { day: '2026-03-01', instant: new Date('2026-03-02T05:00:00Z') }, policy: defaultTypePolicy,
      cutoffs: { realCustomerCount: 1234, revenueCutoffMinor: 9_007_199_254, frequencyCutoff: 7, revenueReachedCount: 62, frequencyReachedCount: 130 }, counts: {}, startedAt: new Date(),
    });
    const read = await sql<{ analysis: unknown }>`select 1 as other, ${storeAnalysisContextItem()} as analysis`.execute(db);
    const store = storeAnalysisContextFrom(read.rows[0].analysis);
    const clock = fixedClock('2026-11-01T15:00:00Z');
    for (const input of ['2026-03-07', '2026-03-08', new Date('2026-03-08T04:59:59Z'), new Date('2026-03-08T05:00:00Z'), '2026-03-09T01:00:00Z', undefined]) {
      expect(await contextAt(db, store, input, clock), String(input)).toEqual(await loadAnalysisContext(db, input, clock));
    }
    expect(store.latestCutoffs).toEqual({ realCustomerCount: 1234, revenueCutoffMinor: 9_007_199_254, frequencyCutoff: 7, revenueReachedCount: 62, frequencyReachedCount: 130 });
    expect(store.policy.vip.topPercent).toBe(3);
    expect(store.settings.timezone).toBe('America/New_York');
  });

  it('rejects an as-of that is not a date before reading the store', async () => {
    await expect(loadAnalysisContext(context.store.db, 'someday')).rejects.toThrow(/is not a date/);
    // the pattern fits, and Date would roll them over to March, but no such days exist
    for (const asOf of ['2026-02-30', '2026-13-45', '2026-02-30T10:00:00Z', '0000-01-01']) {
      await expect(loadAnalysisContext(context.store.db, asOf), asOf).rejects.toMatchObject({ code: 'ANALYTICS_AS_OF_INVALID', details: { field: 'asOf' } });
    }
  });
});

describeEachStore('analysis context on a store without settings', (context) => {
  it('uses the same default zone and currency as the rest of the store when none is stored', async () => {
    const db = context.store.db;
    const settings = await getStoreSettings(db);
    expect(settings.timeZone).toBe(storeDefaults.timeZone);
    const loaded = await loadAnalysisContext(db, new Date('2026-03-07T17:30:00Z'));
    // 00:30 on the 8th in Jakarta (UTC+7), where purchase days of this store are cut
    expect(loaded.settings).toMatchObject({ timezone: storeDefaults.timeZone, currency: storeDefaults.currency });
    expect(loaded.asOf).toEqual({ day: '2026-03-08', instant: new Date('2026-03-08T17:00:00.000Z') });
  });
});
