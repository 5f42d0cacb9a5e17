import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { observeWindowOffset, observeWindowRect, useVirtualizer, windowScroll, type VirtualizerOptions } from '@tanstack/react-virtual';
import type { CustomerSummary } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { CustomerRow } from './customer-row.js';
import { useIsNarrowScreen } from './narrow-screen.js';
import { spendColumnChars } from './spend-column.js';
import { moneyOrUnpriced } from './unpriced-money.js';
import { useStoreHasPrices } from './use-store-has-prices.js';
import { searchHintText, type SearchHint } from './search-hint-text.js';

type CustomerTableProps = {
  items: CustomerSummary[]; hasMore: boolean; isLoading: boolean; onNeedMore: () => void;
  /** The customer type the list is filtered by, shown in every row beside the primary type. */
  filteredType?: string;
  /** The RFM segment the list is filtered by: on a phone, where the segment is otherwise left out, every row then shows it. */
  filteredRfmSegment?: string;
  /** Shown under an empty result, in the reader's language: how to search again. */
  emptyHint?: SearchHint | null;
  /** What an empty list says, and what to try (empty-list-kind.ts noMatchesText); the server's hint, when it gives one, says that instead. */
  emptyText: { message: string; suggestion: string | null };
};

/** On a phone a row holds three lines: the name and the spend, the contact and the status, the type. */
const rowHeight = { wide: 56, narrow: 76 };

// On a phone the page scrolls, not a box of its own inside it (app.css): the rows in view, and the
// next page's loading, follow the window, as useWindowVirtualizer's do. A wider screen keeps the box.
const pageScrolling = {
  getScrollElement: () => window,
  observeElementRect: observeWindowRect,
  observeElementOffset: observeWindowOffset,
  scrollToFn: windowScroll,
  initialOffset: () => window.scrollY,
} as unknown as Pick<VirtualizerOptions<HTMLDivElement, Element>, 'getScrollElement' | 'observeElementRect' | 'observeElementOffset' | 'scrollToFn' | 'initialOffset'>;

/**
 * Where `element` starts on the page, while `isOn` (the virtualizer's scrollMargin when the page scrolls):
 * measured again when the page changes size, as it does when what is above the list (the filters, a notice) does.
 */
function usePageTop(element: RefObject<HTMLElement | null>, isOn: boolean): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    if (!isOn) return undefined;
    const measure = () => {
      if (element.current) setTop(Math.round(element.current.getBoundingClientRect().top + window.scrollY));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [element, isOn]);
  return top;
}

/**
 * Only the rows in view are in the DOM (a few dozen), whatever the number of
 * customers; ARIA table roles keep it a table for screen readers, with the
 * total unknown (-1) while more pages remain.
 */
export function CustomerTable({ items, hasMore, isLoading, onNeedMore, filteredType, filteredRfmSegment, emptyHint, emptyText }: CustomerTableProps) {
  const { t, format, locale } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  const isNarrow = useIsNarrowScreen();
  const height = isNarrow ? rowHeight.narrow : rowHeight.wide;
  const hasPrices = useStoreHasPrices();
  const rowsTop = usePageTop(rowsRef, isNarrow);
  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0), getScrollElement: () => scrollRef.current, estimateSize: () => height, overscan: 12,
    ...(isNarrow ? { ...pageScrolling, scrollMargin: rowsTop } : {}),
  });
  // a row's place in the list: on a phone the virtualizer counts from the top of the page
  const listStart = virtualizer.options.scrollMargin;
  // the virtualizer keeps the sizes it has estimated: a row height changed by a turned phone is measured again
  useEffect(() => virtualizer.measure(), [height, virtualizer]);
  const spendChars = useMemo(
    () => spendColumnChars([t('customers.columns.revenue'), ...items.map((customer) => moneyOrUnpriced(customer.revenue_minor, hasPrices, { t, format }))]),
    [items, format, t, hasPrices],
  );
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => {
    // Fetch the next page a little before the user reaches the end.
    if (hasMore && !isLoading && lastIndex >= items.length - 20) onNeedMore();
  }, [lastIndex, items.length, hasMore, isLoading, onNeedMore]);

  return (
    <div className="customer-table" role="table" aria-label={t('customers.tableLabel')} aria-rowcount={hasMore ? -1 : items.length + 1}
      style={{ '--spend-chars': spendChars } as CSSProperties}>
      <div role="rowgroup" className="customer-table-head">
        <div role="row" className="customer-row customer-row-head" aria-rowindex={1}>
          <span role="columnheader">{t('customers.columns.customer')}</span>
          {/* on a phone the status and the type sit under the name and the spend: their headers are left to screen readers */}
          <span role="columnheader" className="visually-hidden-narrow">{t('customers.columns.status')}</span>
          <span role="columnheader" className="visually-hidden-narrow">{t('customers.columns.type')}</span>
          <span role="columnheader" className="hide-narrow">{t('customers.columns.city')}</span>
          <span role="columnheader" className="numeric hide-narrow">{t('customers.columns.orders')}</span>
          <span role="columnheader" className="numeric customer-cell-spend">{t('customers.columns.revenue')}</span>
          <span role="columnheader" className="hide-narrow">{t('customers.columns.lastPurchase')}</span>
        </div>
      </div>
      <div ref={scrollRef} className="customer-table-scroll" tabIndex={-1}>
        <div ref={rowsRef} role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualRows.map((virtualRow) => {
            const customer = items[virtualRow.index];
            const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height, transform: `translateY(${virtualRow.start - listStart}px)` };
            if (!customer) {
              return <div key="loader" role="row" className="customer-row customer-row-loader" style={style}><span role="cell">{t('common.loading')}</span></div>;
            }
            return <CustomerRow key={customer.customer_id} customer={customer} rowIndex={virtualRow.index + 2} style={style} filteredType={filteredType} filteredRfmSegment={filteredRfmSegment} hasPrices={hasPrices} />;
          })}
        </div>
        {!hasMore && items.length === 0 && !isLoading ? (
          <>
            <p className="empty-state">{emptyText.message}</p>
            {emptyHint ? <p className="empty-state-hint muted small">{searchHintText(emptyHint, t, intlTagByLocale[locale])}</p>
              : emptyText.suggestion ? <p className="empty-state-hint muted small">{emptyText.suggestion}</p> : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
