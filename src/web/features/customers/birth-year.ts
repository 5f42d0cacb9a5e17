/** The earliest birth year the profile form takes, as the API does (customers.schemas.ts). */
export const earliestBirthYear = 1900;

/** A birth year as typed: `year` null clears the stored one. */
export type ParsedBirthYear = { ok: true; year: number | null } | { ok: false };

/**
 * Reads the profile form's birth year: empty clears it, otherwise a whole
 * year written as four digits from 1900 to `currentYear`. The API would take
 * years up to 2100, but nobody on file is born in the future, so a typo such
 * as 2091 for 1991 is refused here rather than stored.
 */
export function parseBirthYear(text: string, currentYear: number): ParsedBirthYear {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, year: null };
  if (!/^[0-9]{4}$/.test(trimmed)) return { ok: false };
  const year = Number(trimmed);
  return year >= earliestBirthYear && year <= currentYear ? { ok: true, year } : { ok: false };
}
