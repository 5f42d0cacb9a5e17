import { describe, expect, it } from 'vitest';
import { migrationQuery } from './migration-range.js';

describe('the type-migration range', () => {
  it('ends on the analysed store day, not the UTC date of the instant it ends (CDNOW, New York: 30 June ends 04:00 UTC on 1 July)', () => {
    expect(migrationQuery('1998-06-30', 90)).toEqual({ from: '1998-04-01', to: '1998-06-30' });
    expect(migrationQuery('2026-12-03', 30)).toEqual({ from: '2026-11-03', to: '2026-12-03' });
  });

  it('asks for no range before an analysis, or with a day it cannot read, so the server picks its own', () => {
    expect(migrationQuery(null, 90)).toBeNull();
    expect(migrationQuery(undefined, 90)).toBeNull();
    expect(migrationQuery('1998-07-01T04:00:00.000Z', 90)).toBeNull();
  });
});
