/**
 * An id from the address (`/customers/:customerId`): a positive whole number written
 * plainly ("42"), or null for anything else ("abc", "0", "-1", "1.5", "1e3", " 7"),
 * so a mistyped link shows "not found" instead of asking the API for /customers/NaN.
 */
export function parseRouteId(text: string): number | null {
  if (!/^[1-9]\d*$/.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

/** Every `…Id` parameter of a route parsed, or null when any of them is not an id. */
export function parseRouteIds(parameters: Record<string, string>): Record<string, number> | null {
  const ids: Record<string, number> = {};
  for (const [name, text] of Object.entries(parameters)) {
    if (!name.endsWith('Id')) continue;
    const id = parseRouteId(text);
    if (id === null) return null;
    ids[name] = id;
  }
  return ids;
}
