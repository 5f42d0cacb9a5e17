import { describe, expect, it } from 'vitest';
import { dataEndDayOf, summaryQuery, trendLastDay, trendQuery } from './report-as-of.js';

describe('the day the web reports are asked for', () => {
  it("ends the revenue trend with the analysis's day, and leaves the default before any analysis", () => {
    expect(trendQuery('month', '1998-03-31')).toEqual({ granularity: 'month', to: '1998-04-01' });
    expect(trendQuery('week', null)).toEqual({ granularity: 'week' });
    expect(trendLastDay({ to: '1998-04-01' })).toBe('1998-03-31');
  });

  it("ends the key figures' period with the analysis's day", () => {
    expect(summaryQuery({ days: '30' }, '1998-03-31')).toEqual({ days: '30', asOf: '1998-03-31' });
    expect(summaryQuery({ days: '30' }, undefined)).toEqual({ days: '30' });
  });

  it("names the data set's end when a report stands on it, in the store's time zone", () => {
    const groceries = { dataAsOf: '2015-12-30T16:59:59.999Z', timeZone: 'Europe/Berlin' };
    expect(dataEndDayOf('2015-12-30', groceries)).toBe('2015-12-30');
    expect(dataEndDayOf('2015-11-30', groceries)).toBeNull();
    expect(dataEndDayOf('2015-12-30', { dataAsOf: null, timeZone: 'Europe/Berlin' })).toBeNull();
    expect(dataEndDayOf('2015-12-30', null)).toBeNull();
  });
});
