import { useMemo } from 'react';
import { useApiData } from '../../api/use-api-data.js';

/** One entry of GET /api/categories. */
export type StoreCategory = { category: string; customers: number; revenueMinor: number };

/**
 * The product categories customers bought, most customers first; null while
 * loading or when they cannot be read (the field then works as plain text).
 */
export function useStoreCategories(): string[] | null {
  const { data } = useApiData<{ items: StoreCategory[] }>('/api/categories');
  return useMemo(() => data?.items.map((item) => item.category) ?? null, [data]);
}
