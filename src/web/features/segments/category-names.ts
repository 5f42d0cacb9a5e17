/**
 * The category field of a purchase condition holds several names separated
 * by commas. These helpers read it as buildPurchase (filter-text.ts) does and
 * compare names the way the segment filter does: case-insensitively, whole
 * names only (`lower(l.category) = any(…)` in segments/compile-purchases.ts).
 */

const key = (name: string) => name.toLowerCase();

/** The names typed, as buildPurchase reads them: split at commas, trimmed, empty ones dropped. */
export function typedCategories(text: string): string[] {
  return text.split(',').map((name) => name.trim()).filter((name) => name !== '');
}

/** The name still being typed: whatever follows the last comma. */
function nameBeingTyped(text: string): string {
  return text.slice(text.lastIndexOf(',') + 1).trim();
}

function matchesOf(fragment: string, categories: readonly string[]): string[] {
  const wanted = key(fragment);
  const starting = categories.filter((category) => key(category).startsWith(wanted));
  const containing = categories.filter((category) => !key(category).startsWith(wanted) && key(category).includes(wanted));
  return [...starting, ...containing];
}

/**
 * Store categories for the name being typed, at most `limit`: those it begins
 * first, then those it occurs in, each group in the store's order (most
 * customers first); none already named earlier in the field.
 */
export function suggestCategories(text: string, categories: readonly string[], limit = 8): string[] {
  const earlier = new Set(typedCategories(text.slice(0, text.lastIndexOf(',') + 1)).map(key));
  return matchesOf(nameBeingTyped(text), categories).filter((category) => !earlier.has(key(category))).slice(0, limit);
}

/** The field with the name being typed replaced by `category`, and a comma for the next name. */
export function completeCategory(text: string, category: string): string {
  const before = text.slice(0, text.lastIndexOf(',') + 1);
  return `${before === '' ? '' : `${before.trimEnd()} `}${category}, `;
}

/**
 * The typed names no customer has bought, once each, as typed. The name still
 * being typed is left out while store categories contain it: the suggestions
 * show where it is heading, and a warning at every keystroke would be noise.
 */
export function unknownCategories(text: string, categories: readonly string[]): string[] {
  const known = new Set(categories.map(key));
  const names = typedCategories(text);
  // after a trailing comma nothing is being typed: every name is finished
  const typing = nameBeingTyped(text) === '' ? -1 : names.length - 1;
  const unknown = new Map<string, string>();
  names.forEach((name, index) => {
    if (known.has(key(name)) || unknown.has(key(name))) return;
    if (index === typing && matchesOf(name, categories).length > 0) return;
    unknown.set(key(name), name);
  });
  return [...unknown.values()];
}
