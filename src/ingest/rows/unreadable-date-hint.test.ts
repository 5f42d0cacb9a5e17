import { describe, expect, it } from 'vitest';
import { parseDateTime, suggestedDateFormat } from './parse-date.js';
import { RowProblem } from './row-problem.js';

const options = { dateFormat: null, timeZone: 'Asia/Jakarta', now: new Date('2026-06-01T00:00:00Z') };

function refusal(raw: string): string {
  try {
    parseDateTime('ordered_at', raw, options);
  } catch (error) {
    if (error instanceof RowProblem) return error.message;
    throw error;
  }
  throw new Error(`${raw} was read`);
}

describe('the hint of a date that cannot be read', () => {
  it.each([
    ['03/12/2025', 'dd/MM/yyyy (or MM/dd/yyyy if the month comes first)'],
    ['03.12.25', 'dd.MM.yy'],
    ['25.12.2025', 'dd.MM.yyyy'],
    ['12/25/2025 14:30', 'MM/dd/yyyy HH:mm'],
    ['25-12-25 14:30:05', 'dd-MM-yy HH:mm:ss'],
    ['7.7.2025', 'd.M.yyyy'],
    ['3/4/2026 9:05', 'd/M/yyyy H:mm (or M/d/yyyy H:mm if the month comes first)'],
    ['yesterday', 'dd-MM-yyyy or MM/dd/yyyy HH:mm'],
  ])('suggests for %j the format %j, with the separator the value uses', (raw, expected) => {
    expect(suggestedDateFormat(raw)).toBe(expected);
  });

  it('names the option of the CLI and of the API alike, the reject being the same for both', () => {
    expect(refusal('03/12/2025')).toBe('ordered_at "03/12/2025" is not a date we can read; use ISO 8601 (2024-03-01 or 2024-03-01T10:15:00+07:00) or give the file\'s date format (--date-format, or dateFormat in an API batch), e.g. dd/MM/yyyy (or MM/dd/yyyy if the month comes first)');
  });
});
