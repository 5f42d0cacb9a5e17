import { expect, it } from 'vitest';
import { futureBirthYearProblem } from './birth-year.js';

it.each([
  [2025, '2025-12-31T23:59:59Z', null],
  [1900, '2025-01-01T00:00:00Z', null],
  [2026, '2025-12-31T23:59:59Z', '2026 is after this year (2025), and nobody is born in the future; correct it (all four digits, e.g. 1985) or leave it out'],
  [2026, '2026-01-01T00:00:00Z', null],
])('judges birth year %i as of %s by the UTC year, as the importer does', (year, asOf, problem) => {
  expect(futureBirthYearProblem(year, new Date(asOf))).toBe(problem);
});
