import type { CustomerFilters } from './customer-filters.js';

export type SavedView = { name: string; filters: CustomerFilters };

const storageKey = 'clientele.customerViews';

/** Views live on this device only (localStorage): they are a convenience, not shared segments. */
export function readSavedViews(): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? (parsed as SavedView[]).filter((view) => typeof view?.name === 'string' && typeof view.filters === 'object') : [];
  } catch {
    return [];
  }
}

export function writeSavedViews(views: readonly SavedView[]): void {
  window.localStorage.setItem(storageKey, JSON.stringify(views));
}

/** Saving under an existing name replaces that view. */
export function withView(views: readonly SavedView[], view: SavedView): SavedView[] {
  return [...views.filter((existing) => existing.name !== view.name), view].sort((a, b) => a.name.localeCompare(b.name));
}
