import { describe, expect, it } from 'vitest';
import { homeSettingsFromSearch, homeSettingsToSearch, pickNumber } from './home-settings.js';

const read = (query: string) => homeSettingsFromSearch(new URLSearchParams(query));

describe('home settings in the URL', () => {
  it.each([
    ['', 30],
    ['days=7', 7],
    ['days=90', 90],
    ['days=365', 365],
    ['days=30', 30],
  ])('reads "%s" as the last %i days', (query, days) => {
    expect(read(query).days).toBe(days);
  });

  it.each(['days=14', 'days=abc', 'days=', 'days=null', 'days=NaN', 'days=7.0', 'days=%207', 'days=-7', 'days=1e3'])('falls back to 30 days for "%s", a period the page does not offer', (query) => {
    expect(read(query).days).toBe(30);
  });

  it('writes a chosen period and leaves the default out of the address', () => {
    expect(homeSettingsToSearch({ days: 7 })).toBe('?days=7');
    expect(homeSettingsToSearch({ days: 365 })).toBe('?days=365');
    expect(homeSettingsToSearch({ days: 30 })).toBe('');
  });

  it('reads back what it writes, for every period offered', () => {
    for (const days of [7, 30, 90, 365] as const) expect(read(homeSettingsToSearch({ days }).slice(1))).toEqual({ days });
  });

  it('picks a number only when written exactly as offered', () => {
    expect(pickNumber('90', [30, 90] as const, 30)).toBe(90);
    expect(pickNumber('090', [30, 90] as const, 30)).toBe(30);
    expect(pickNumber(null, [30, 90] as const, 30)).toBe(30);
  });
});
