import { describe, expect, it } from 'vitest';
import { reportSettingsFromSearch, reportSettingsToSearch } from './report-settings.js';

const read = (query: string) => reportSettingsFromSearch(new URLSearchParams(query));

describe('report settings in the URL', () => {
  it('reads the defaults from a plain address', () => {
    expect(read('')).toEqual({ granularity: 'week', migrationDays: 90, alerts: 'open' });
  });

  it('reads each setting offered', () => {
    expect(read('granularity=day&migrationDays=30')).toEqual({ granularity: 'day', migrationDays: 30, alerts: 'open' });
    expect(read('granularity=month&migrationDays=365')).toEqual({ granularity: 'month', migrationDays: 365, alerts: 'open' });
  });

  it.each([
    ['granularity=year', { granularity: 'week', migrationDays: 90, alerts: 'open' }],
    ['granularity=Week&migrationDays=7', { granularity: 'week', migrationDays: 90, alerts: 'open' }],
    ['granularity=null&migrationDays=NaN', { granularity: 'week', migrationDays: 90, alerts: 'open' }],
    ['granularity=day&migrationDays=abc', { granularity: 'day', migrationDays: 90, alerts: 'open' }],
    ['granularity=&migrationDays=365', { granularity: 'week', migrationDays: 365, alerts: 'open' }],
  ])('falls back to the default for what the page does not offer in "%s"', (query, expected) => {
    expect(read(query)).toEqual(expected);
  });

  it('keeps the alerts\' filter, Open unless asked for the acknowledged or all', () => {
    expect(read('alerts=acknowledged')).toEqual({ granularity: 'week', migrationDays: 90, alerts: 'acknowledged' });
    expect(read('alerts=all&granularity=month')).toEqual({ granularity: 'month', migrationDays: 90, alerts: 'all' });
    expect(read('alerts=closed')).toEqual({ granularity: 'week', migrationDays: 90, alerts: 'open' });
    expect(reportSettingsToSearch({ granularity: 'week', migrationDays: 90, alerts: 'acknowledged' })).toBe('?alerts=acknowledged');
  });

  it('writes only what differs from the default', () => {
    expect(reportSettingsToSearch({ granularity: 'week', migrationDays: 90, alerts: 'open' })).toBe('');
    expect(reportSettingsToSearch({ granularity: 'month', migrationDays: 90, alerts: 'open' })).toBe('?granularity=month');
    expect(reportSettingsToSearch({ granularity: 'day', migrationDays: 365, alerts: 'open' })).toBe('?granularity=day&migrationDays=365');
  });

  it('reads back what it writes', () => {
    for (const granularity of ['day', 'week', 'month'] as const) {
      for (const migrationDays of [30, 90, 365] as const) {
        for (const alerts of ['open', 'acknowledged', 'all'] as const) expect(read(reportSettingsToSearch({ granularity, migrationDays, alerts }).slice(1))).toEqual({ granularity, migrationDays, alerts });
      }
    }
  });
});
