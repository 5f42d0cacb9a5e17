type ListState = {
  /** The count beside the list; null while it is counted (or could not be). */
  total: number | null;
  shown: number; hasMore: boolean; isLoading: boolean; hasError: boolean;
  /** Whether a filter or a search narrows the list (active-filters.ts hasAnyFilter). */
  isFiltered: boolean;
};

/**
 * Whether the customer list is empty, and why: nothing matches the filters, or, with none set, the store
 * has no customers yet, which "no customers match these filters" would blame on filters nobody set.
 * Known empty as soon as either the count or the last page says so; a list that failed to load is not
 * called empty (its error says what happened).
 */
export function emptyListKind({ total, shown, hasMore, isLoading, hasError, isFiltered }: ListState): 'not-empty' | 'no-matches' | 'no-customers' {
  const isEmpty = total === 0 || (!isLoading && !hasMore && !hasError && shown === 0);
  if (!isEmpty) return 'not-empty';
  return isFiltered ? 'no-matches' : 'no-customers';
}
