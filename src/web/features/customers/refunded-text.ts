import type { Formatters } from '../../i18n/format.js';

/** Refunds as the purchases card shows them: "None" rather than "US$0.00 (0)", else the amount and the orders it came from. */
export function refundedText(
  traits: { refunded_minor: number; refunded_order_count: number },
  { t, format }: { t: (key: string) => string; format: Pick<Formatters, 'money' | 'number'> },
): string {
  if (traits.refunded_minor === 0 && traits.refunded_order_count === 0) return t('customer.noRefunds');
  return `${format.money(traits.refunded_minor)} (${format.number(traits.refunded_order_count)})`;
}
