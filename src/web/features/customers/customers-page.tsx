import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { Link, useRouter } from '../../routes/router.js';
import { useSession } from '../auth/session-context.js';
import { ErrorMessage } from '../../components/error-message.js';
import { CustomerFilterBar } from './customer-filter-bar.js';
import { CustomerTable } from './customer-table.js';
import { SavedViewsMenu } from './saved-views-menu.js';
import { ExportButton } from './export-button.js';
import { filtersFromSearch, filtersToQuery, filtersToSearch, type CustomerFilters } from './customer-filters.js';
import { useCustomerPages } from './use-customer-pages.js';
import { customerCountText } from './customer-count-text.js';
import { useApiData } from '../../api/use-api-data.js';
import { countFoldedFilters, hasAnyFilter } from './active-filters.js';
import { EmptyStoreNotice } from './empty-store-notice.js';
import { deletedCustomer, forgetDeletedCustomer } from './deleted-customer-notice.js';
import { emptyListKind, noMatchesText } from './empty-list-kind.js';

export function CustomersPage() {
  const { t, format, locale } = useI18n();
  const { search, navigate } = useRouter();
  const { can } = useSession();
  // the customer page's Delete came back here: said once, not again on the next visit
  const [deletedCustomerId] = useState(deletedCustomer);
  useEffect(forgetDeletedCustomer, []);
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const query = useMemo(() => filtersToQuery(filters, { tag: intlTagByLocale[locale], minorPerMajor: format.minorPerMajor }), [filters, locale, format.minorPerMajor]);
  const pages = useCustomerPages(query);
  // counted beside the first page, not in it: the list answers at once and the total follows
  const countQuery = useMemo(() => ({ ...query, sort: undefined }), [query]);
  const counted = useApiData<{ count: number }>('/api/customers/count', countQuery);
  const total = counted.isLoading ? null : counted.data?.count ?? null;
  const emptiness = emptyListKind({ total, shown: pages.items.length, hasMore: pages.hasMore, isLoading: pages.isLoading, hasError: pages.error !== null, isFiltered: hasAnyFilter(filters) });
  const isStoreEmpty = emptiness === 'no-customers';
  // Replace, not push: each keystroke of a search should not become a history entry.
  const applyFilters = useCallback((next: CustomerFilters) => navigate(`/customers${filtersToSearch(next)}`, { replace: true }), [navigate]);

  return (
    <section className="page page-customers">
      <header className="page-header">
        {/* the button beside the title, not the export: on a phone they share a line, and the list starts no lower */}
        <div className="button-row">
          <h1>{t('customers.title')}</h1>
          {can('customers:write') ? <Link to="/customers/new" className="button-link button-primary">{t('customers.new.button')}</Link> : null}
        </div>
        <ExportButton query={query} isDisabled={emptiness !== 'not-empty'} />
      </header>
      {deletedCustomerId === null ? null : <p className="notice-success" role="status">{t('customer.privacy.deleted', { id: deletedCustomerId })}</p>}
      <CustomerFilterBar filters={filters} onChange={applyFilters}>
        <details className="saved-views-panel">
          <summary>{t('customers.views.title')}</summary>
          <SavedViewsMenu filters={filters} onApply={applyFilters} />
        </details>
      </CustomerFilterBar>
      <p className="muted small customer-count" role="status" aria-live="polite">
        {isStoreEmpty ? null : customerCountText({ shown: pages.items.length, total, hasMore: pages.hasMore }, { t, format, locale })}
      </p>
      {pages.error ? <ErrorMessage error={pages.error} /> : null}
      {isStoreEmpty ? <EmptyStoreNotice /> : (
        <CustomerTable items={pages.items} hasMore={pages.hasMore} isLoading={pages.isLoading} onNeedMore={pages.loadMore}
          filteredType={filters.type} filteredRfmSegment={filters.rfmSegment} emptyHint={pages.hint}
          emptyText={noMatchesText(filters.q, countFoldedFilters(filters) > 0, t)} />
      )}
    </section>
  );
}
