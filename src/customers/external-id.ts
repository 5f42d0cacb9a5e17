/**
 * Trims an id from another system. Spreadsheet and pandas exports write integer ids as floats
 * (`17850.0`); without this the same customer would get two identities across exports.
 * A module of its own, with no imports: the web app keys a file's orders by the same rule.
 */
export function normaliseExternalId(raw: string | null | undefined): string | null {
  const trimmed = (raw ?? '').trim();
  if (trimmed === '') return null;
  // Most ids have no dot at all; only those can skip the pattern.
  const floatInteger = trimmed.includes('.') ? /^(-?\d+)\.0+$/.exec(trimmed) : null;
  return floatInteger ? floatInteger[1] : trimmed;
}
