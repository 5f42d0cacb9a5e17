/**
 * Where "← Customers" goes: the list the person came from, with its search and filters, read from
 * the tab's history (the nearest list page before this one); the whole list when there is none.
 * `entryUrls` are the tab's history entries in order, `currentIndex` this page's among them.
 */
export function listReturnPath(entryUrls: readonly (string | null)[], currentIndex: number): string {
  for (let index = Math.min(currentIndex, entryUrls.length) - 1; index >= 0; index -= 1) {
    const url = entryUrls[index];
    if (url === null) continue;
    const { pathname, search } = new URL(url, 'http://list.invalid');
    if (pathname === '/customers' || pathname === '/customers/') return `/customers${search}`;
  }
  return '/customers';
}
