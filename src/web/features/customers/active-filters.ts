import { emptyFilters, type CustomerFilters } from './customer-filters.js';

/**
 * The filters kept behind the "Filters" button on a phone: all but the search, which stays in sight,
 * and the sort, which orders the list but narrows nothing.
 */
export const foldedFilterKeys = ['status', 'channel', 'type', 'rfmSegment', 'consent', 'city', 'minSpend'] as const;

/**
 * How many folded filters are set; the button shows it, so a folded filter is never out of sight unannounced.
 * A minimum spend that cannot be read counts too: the list ignores it, but its field says so only when open.
 */
export function countFoldedFilters(filters: CustomerFilters): number {
  // blank text narrows nothing (filtersToQuery trims it away), so it is not counted either
  return foldedFilterKeys.filter((key) => filters[key].trim() !== '').length;
}

/** Whether anything narrows the list, the search included: "Clear filters" is offered only then. */
export function hasAnyFilter(filters: CustomerFilters): boolean {
  return filters.q.trim() !== '' || countFoldedFilters(filters) > 0;
}

/** Every filter and the search cleared; the sort stays, being the reader's order rather than a filter. */
export function withoutFilters(filters: CustomerFilters): CustomerFilters {
  return { ...emptyFilters, sort: filters.sort };
}
