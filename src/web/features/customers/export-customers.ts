import { api } from '../../api/client.js';
import type { CustomerSummary, Page } from '../../api/types.js';
import { toCsv } from '../../components/csv.js';

const exportPageSize = 500;

/** An amount in minor units written exactly in major units, with a point: 1399093 cents → "13990.93". */
export function majorUnits(minor: number, minorPerMajor: number): string {
  const digits = Math.round(Math.log10(minorPerMajor));
  if (digits <= 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/**
 * Pages through the whole filter (the API's largest page, one request at a time
 * so the server is not flooded) and builds a CSV. Revenue comes twice: in the
 * store currency's units, named with its code ("revenue (USD)", 13990.93), for a
 * person reading the sheet, and in minor units as in the API (revenue_minor,
 * 1399093), exact integers for a program.
 */
export async function exportCustomers(
  query: Record<string, string | number | undefined>, onProgress: (rows: number) => void, signal: AbortSignal,
  money: { currency: string | null; minorPerMajor: number } = { currency: null, minorPerMajor: 1 },
): Promise<string> {
  const rows: CustomerSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<CustomerSummary> = await api.get('/api/customers', { ...query, limit: exportPageSize, cursor: cursor ?? undefined }, signal);
    rows.push(...page.items);
    cursor = page.nextCursor;
    onProgress(rows.length);
  } while (cursor && !signal.aborted);
  const columns = ['customer_id', 'name', 'email', 'phone', 'city', 'country', 'is_real', 'order_count', 'revenue', 'revenue_minor', 'first_purchase_at', 'last_purchase_at', 'created_at', 'primary_type', 'types', 'rfm_segment'] as const;
  const header = columns.map((column) => (column === 'revenue' ? `revenue${money.currency ? ` (${money.currency})` : ''}` : column));
  const cell = (row: CustomerSummary, column: (typeof columns)[number]) => {
    if (column === 'revenue') return row.revenue_minor === null || row.revenue_minor === undefined ? null : majorUnits(Number(row.revenue_minor), money.minorPerMajor);
    const value = row[column];
    return Array.isArray(value) ? value.join(' ') : value ?? null;
  };
  return toCsv([header, ...rows.map((row) => columns.map((column) => cell(row, column)))]);
}
