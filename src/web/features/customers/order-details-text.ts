import type { I18n } from '../../i18n/i18n-context.js';
import { translatedOr } from '../../i18n/translated-or.js';

export type OrderDetailsText = { lines: string[]; discount: string | null; channel: string };

type Line = { sku?: unknown; name?: unknown; quantity?: unknown; unitPriceMinor?: unknown };

const textOf = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
const numberOf = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * What an order's timeline entry shows when opened, from its `detail` alone (timeline.ts builds it):
 * each line as product × quantity: amount, the discount and promotion code when the order had
 * them, and where it was bought. A line's amount is its quantity times its unit price, in the
 * store's money as the entry's own amount is; an order imported without lines says so rather
 * than showing nothing, which would read as a page that failed to load.
 */
export function orderDetailsText(detail: Record<string, unknown>, { t, format }: Pick<I18n, 't' | 'format'>): OrderDetailsText {
  const lines = Array.isArray(detail.lines) ? (detail.lines as Line[]) : [];
  const lineTexts = lines.map((line) => {
    const quantity = numberOf(line.quantity) ?? 0;
    const unitPriceMinor = numberOf(line.unitPriceMinor) ?? 0;
    return t('timeline.orderDetails.line', {
      product: textOf(line.name) ?? textOf(line.sku) ?? t('timeline.orderDetails.unnamedProduct'),
      quantity: format.number(quantity, fractionDigitsOf(quantity)),
      amount: format.money(Math.round(quantity * unitPriceMinor)),
    });
  });
  const discountMinor = numberOf(detail.discountMinor) ?? 0;
  const code = textOf(detail.promotionCode);
  const discount = discountMinor !== 0
    ? (code ? t('timeline.orderDetails.discountWithCode', { amount: format.money(discountMinor), code }) : t('timeline.orderDetails.discount', { amount: format.money(discountMinor) }))
    : code ? t('timeline.orderDetails.promotionCode', { code }) : null;
  const channel = translatedOr(t, 'channels', textOf(detail.channel) ?? 'other');
  const outlet = textOf(detail.location);
  return {
    lines: lineTexts.length > 0 ? lineTexts : [t('timeline.orderDetails.noLines')],
    discount,
    channel: outlet ? t('timeline.orderDetails.channelAtOutlet', { channel, outlet }) : t('timeline.orderDetails.channel', { channel }),
  };
}

/** A weighed quantity (1.25 kg) keeps its decimals, up to the three the database stores; a counted one shows none. */
function fractionDigitsOf(quantity: number): number {
  if (Number.isInteger(quantity)) return 0;
  return Math.min(3, String(quantity).split('.')[1]?.length ?? 0);
}
