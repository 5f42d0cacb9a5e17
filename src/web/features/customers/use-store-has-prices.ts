import { useStoreSettings } from '../settings/store-settings-context.js';

/**
 * Whether the store's orders carry prices (GET /api/settings `hasPrices`, as every report with
 * amounts says it: src/analytics/report-money.ts). A data set without prices (Groceries) has every
 * amount 0: there a customer's €0.00 is not recorded, not nothing spent. Null while not known:
 * amounts are then shown as they are.
 */
export function useStoreHasPrices(): boolean | null {
  return useStoreSettings()?.hasPrices ?? null;
}
