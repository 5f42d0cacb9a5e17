import { AppError } from '../core/errors.js';

/**
 * Why `year` cannot be a customer's year of birth as of `asOf`, or null when it can. A year after
 * the current one (its UTC year, as the importer reads it: ingest/rows/build-customer.ts) is a typo
 * such as 2091 for 1991: nobody on file is born in the future, so the importer and the profile form
 * refuse it, and so does the customers service for every other writer (API, CLI), or an edit would
 * store what an import refuses.
 */
export function futureBirthYearProblem(year: number, asOf: Date): string | null {
  const latest = asOf.getUTCFullYear();
  if (year <= latest) return null;
  return `${year} is after this year (${latest}), and nobody is born in the future; correct it (all four digits, e.g. 1985) or leave it out`;
}

/** Refuses a request's birth year in the future, naming the request field (`birthYear`). */
export function refuseFutureBirthYear(year: number | null | undefined, asOf: Date, field = 'birthYear'): void {
  if (year === null || year === undefined) return;
  const problem = futureBirthYearProblem(year, asOf);
  if (problem !== null) throw new AppError('CUSTOMER_BIRTH_YEAR_INVALID', `${field}: ${problem}.`, { field, value: year, latest: asOf.getUTCFullYear() });
}
