/**
 * The system an external id comes from, as one key however it is written: trimmed, lower case, and
 * runs of spaces and hyphens as one `_`, as an import reads a column's name (`external_id.Loyalty
 * Card` is `loyalty_card`). Written case-sensitively, "LOYALTY_CARD:LC-1" made a second card of one
 * a customer already held, and a lookup of the system as the screen showed it found no one.
 * A module of its own, with no imports: the web app reads systems by the same rule.
 */
export function normaliseExternalNamespace(raw: string): string {
  return raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
}
