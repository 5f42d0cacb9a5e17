import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import { useApiCatalog } from '../../api/api-catalog.js';
import type { ReportMoney } from '../../api/analytics-types.js';
import { pendingEndpoints } from '../../api/endpoints.js';

/** The cards of one customer page mount together: they share one answer rather than ask once each. */
const freshForMs = 30_000;
let shared: { path: string; askedAt: number; answer: Promise<boolean | null> } | null = null;

function askHasPrices(path: string): Promise<boolean | null> {
  const now = Date.now();
  if (shared && shared.path === path && now - shared.askedAt < freshForMs) return shared.answer;
  // the shortest period: only the store-wide flag beside the figures is wanted
  const answer = api.get<ReportMoney>(path, { days: 1 }).then((summary) => summary.hasPrices !== false, () => null);
  shared = { path, askedAt: now, answer };
  return answer;
}

/**
 * Whether the store's orders carry prices, read where Home reads it (GET /api/reports/summary's
 * `hasPrices`, src/analytics/report-money.ts). A data set without prices (Groceries) has every
 * amount 0: there a customer's €0.00 is not recorded, not nothing spent. Null while not known
 * (or not readable): amounts are then shown as they are.
 */
export function useStoreHasPrices(): boolean | null {
  const path = useApiCatalog().firstOf('GET', pendingEndpoints.summary);
  const [hasPrices, setHasPrices] = useState<boolean | null>(null);
  useEffect(() => {
    if (!path) return;
    let isCurrent = true;
    void askHasPrices(path).then((answer) => { if (isCurrent) setHasPrices(answer); });
    return () => { isCurrent = false; };
  }, [path]);
  return hasPrices;
}
