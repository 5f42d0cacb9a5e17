import { afterEach, expect, it } from 'vitest';
import { keyValues, showTimesIn, table } from './format.js';

afterEach(() => showTimesIn('UTC'));

it("shows times in the store's time zone, where reports count days", () => {
  // 00:30 on 2 November in Jakarta is still 1 November in UTC
  const justAfterMidnight = new Date('2026-11-01T17:30:00Z');
  showTimesIn('Asia/Jakarta');
  expect(table([{ id: 1, last_purchase: justAfterMidnight }])).toContain('2026-11-02 00:30');
  expect(keyValues({ first_purchase: justAfterMidnight })).toBe('first_purchase  2026-11-02 00:30 (Asia/Jakarta)');
  // New York left summer time at 02:00 that day: UTC−5
  showTimesIn('America/New_York');
  expect(table([{ id: 1, last_purchase: justAfterMidnight }])).toContain('2026-11-01 12:30');
});

it('says under a table which clock its times are on, and says nothing of times in a table without any', () => {
  showTimesIn('Europe/Riga');
  const lines = table([{ id: 1, last_purchase: new Date('2026-07-01T09:00:00Z') }, { id: 2, last_purchase: null }]).split('\n');
  expect(lines.slice(2)).toEqual(['1   2026-07-01 12:00', '2', '(times in Europe/Riga)']);
  expect(table([{ id: 1, revenue: '€12.50' }])).not.toContain('times in');
});

it('cuts a long cell to 60 characters, saying so, but never the last column\'s', () => {
  const details = 'alerts.minExpected: 5 → 1,000 (orders or customers; revenue €0.05 → €10.00)';
  const lines = table([{ note: 'x'.repeat(70), details }]).split('\n');
  expect(lines[2]).toBe(`${'x'.repeat(59)}…  ${details}`);
});
