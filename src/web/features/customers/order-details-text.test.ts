import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { orderDetailsText } from './order-details-text.js';

const i18nFor = (locale: 'en' | 'id' | 'lv', tag: string) => ({
  t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(tag, 'IDR', 'Asia/Jakarta'),
});
const en = i18nFor('en', 'en-GB');
const money = (minor: number) => en.format.money(minor);

const order = {
  externalId: 'O701-7', status: 'partially_refunded', channel: 'store', amountMinor: 239_000, discountMinor: 0, promotionCode: null, location: null,
  lines: [
    { sku: 'TEA-1', name: 'Jasmine tea', category: 'Drinks', quantity: 2, unitPriceMinor: 54_000 },
    { sku: 'RICE-5', name: null, category: null, quantity: 1.25, unitPriceMinor: 104_000 },
    { sku: null, name: null, category: null, quantity: 1, unitPriceMinor: 1_000 },
  ],
};

describe('an order\'s details on the timeline', () => {
  it.each([
    ['each line as product, quantity and its amount, by sku when it has no name', order, {
      lines: [`Jasmine tea × 2: ${money(108_000)}`, `RICE-5 × 1.25: ${money(130_000)}`, `Unnamed product × 1: ${money(1_000)}`],
      discount: null, channel: 'Channel: Store',
    }],
    ['the discount with its promotion code, and the outlet', { ...order, lines: [], discountMinor: 20_000, promotionCode: 'PAYDAY', location: 'Bandung Dago', channel: 'marketplace' }, {
      lines: ['No lines recorded for this order'], discount: `Discount ${money(20_000)} (promotion code PAYDAY)`, channel: 'Channel: Marketplace, outlet Bandung Dago',
    }],
    ['a discount without a code', { ...order, lines: [], discountMinor: 5_000 }, { lines: ['No lines recorded for this order'], discount: `Discount ${money(5_000)}`, channel: 'Channel: Store' }],
    ['a promotion code that took nothing off', { ...order, lines: [], promotionCode: 'WELCOME' }, { lines: ['No lines recorded for this order'], discount: 'Promotion code WELCOME', channel: 'Channel: Store' }],
    ['a channel the messages do not know as the store wrote it', { ...order, lines: [], channel: 'kiosk' }, { lines: ['No lines recorded for this order'], discount: null, channel: 'Channel: kiosk' }],
  ])('shows %s', (_name, detail, expected) => {
    expect(orderDetailsText(detail, en)).toEqual(expected);
  });

  it('reads in Indonesian and Latvian, with no message key left over', () => {
    const detail = { ...order, discountMinor: 20_000, promotionCode: 'PAYDAY', location: 'Riga' };
    for (const [locale, tag] of [['id', 'id-ID'], ['lv', 'lv-LV']] as const) {
      const text = orderDetailsText(detail, i18nFor(locale, tag));
      expect([...text.lines, text.discount, text.channel].join('\n')).not.toMatch(/[{}]|timeline\.|Channel|Discount/);
      expect(text.lines[0]).toMatch(/^Jasmine tea × 2: /);
    }
  });
});
