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

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * What an empty list says, by what narrowed it: a search alone is named with what to try instead
 * (no filter was set, so "no customers match these filters" would send the reader looking for one);
 * filters alone keep their own wording; both together name the search and the filters.
 */
export function noMatchesText(search: string, hasFilters: boolean, t: Translate): { message: string; suggestion: string | null } {
  const text = search.trim();
  if (text === '') return { message: t('customers.noMatches'), suggestion: null };
  return {
    message: t(hasFilters ? 'customers.noSearchMatchesFiltered' : 'customers.noSearchMatches', { text }),
    suggestion: t(hasFilters ? 'customers.searchSuggestionFiltered' : 'customers.searchSuggestion'),
  };
}
