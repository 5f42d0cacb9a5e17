/**
 * The type tags a customer row has room for: the primary type first (the one that most needs
 * action), then the type the list is filtered by, so a "VIP" filter never shows rows that seem to
 * say only "At risk"; then the others in precedence order. What does not fit is counted, not hidden.
 * With room for one tag only, that is the filtered type: the reason the row is in the list.
 */
export function typeTagsToShow(types: readonly string[], primary: string | null, filteredType: string, room = 2): { shown: string[]; hidden: string[] } {
  const all = [...new Set([...(primary ? [primary] : []), ...types])];
  const isFiltered = filteredType !== '' && all.includes(filteredType);
  const ordered = !isFiltered ? all
    : room < 2 ? [filteredType, ...all.filter((type) => type !== filteredType)]
    : [all[0], filteredType, ...all.slice(1).filter((type) => type !== filteredType)].filter((type, index, list) => list.indexOf(type) === index);
  return { shown: ordered.slice(0, room), hidden: ordered.slice(room) };
}
