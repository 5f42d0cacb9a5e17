import { maximumAmountMinor, shownLimit, sumOfLinesWithin } from '../rows/amount-limit.js';
import { inStoreCurrency } from './batch-context.js';
import type { GroupReject, OrderGroup } from './group-orders.js';

/**
 * Why an order cannot be stored in the store currency, or null when it can: each amount a file
 * writes is within the limit in its own currency (parse-amount.ts), but converted at a large rate
 * (a euro order in a rupiah store) it may not be, and the store keeps every summed amount
 * converted. The same limit holds there, so sums of them stay exact and within bigint.
 */
export function convertedBeyondLimit(group: OrderGroup, factor: number, storeCurrency: string): GroupReject | null {
  if (factor === 1) return null;
  const limit = maximumAmountMinor(storeCurrency);
  const { order } = group;
  const beyond = (minor: number) => !Number.isSafeInteger(inStoreCurrency(minor, factor)) || Math.abs(inStoreCurrency(minor, factor)) > limit;
  const convertedLines = group.lines.map((line) => ({ quantity: line.quantity, unitPriceMinor: inStoreCurrency(line.unitPriceMinor, factor) }));
  const field = !group.isTotalFromLines && beyond(group.totalMinor) ? 'amount'
    : beyond(order.refundedMinor) ? 'refunded_amount'
      : beyond(order.discountMinor) ? 'discount_amount'
        : group.hasLines && sumOfLinesWithin(convertedLines, 0, limit) === null ? 'unit_price'
          : null;
  if (field === null) return null;
  const shown = shownLimit(storeCurrency);
  return {
    field, code: 'AMOUNT_TOO_LARGE', params: { field, value: `${order.currency} > ${shown}` },
    reason: `${field === 'unit_price' ? 'The lines' : `The ${field}`} of order ${order.externalId}, converted from ${order.currency} into the store currency ${storeCurrency}, `
      + `${field === 'unit_price' ? 'come' : 'comes'} to more than an amount may be (${shown}); check the amounts and the row's currency, and the rate of ${order.currency} (\`clientele rates list\`)`,
  };
}
