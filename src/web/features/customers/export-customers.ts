import { api } from '../../api/client.js';
import type { CustomerSummary, Page } from '../../api/types.js';
import { toCsv } from '../../components/csv.js';

const exportPageSize = 500;

/**
 * Pages through the whole filter (the API's largest page, one request at a time
 * so the server is not flooded) and builds a CSV. Money stays in minor units
 * with its column named so, as in the API, so a spreadsheet gets exact integers.
 */
export async function exportCustomers(query: Record<string, string | number | undefined>, onProgress: (rows: number) => void, signal: AbortSignal): Promise<string> {
  const rows: CustomerSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<CustomerSummary> = await api.get('/api/customers', { ...query, limit: exportPageSize, cursor: cursor ?? undefined }, signal);
    rows.push(...page.items);
    cursor = page.nextCursor;
    onProgress(rows.length);
  } while (cursor && !signal.aborted);
  const columns = ['customer_id', 'name', 'email', 'phone', 'city', 'country', 'is_real', 'order_count', 'revenue_minor', 'first_purchase_at', 'last_purchase_at', 'created_at', 'primary_type', 'types', 'rfm_segment'] as const;
  const cell = (row: CustomerSummary, column: (typeof columns)[number]) => { const value = row[column]; return Array.isArray(value) ? value.join(' ') : value ?? null; };
  return toCsv([columns as readonly string[], ...rows.map((row) => columns.map((column) => cell(row, column)))]);
}
