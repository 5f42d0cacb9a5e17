import { describe, expect, it } from 'vitest';
import { classifyCustomer } from '../../../analytics/classify.js';
import { summarizePurchaseDays, type OrderFact } from '../../../analytics/customer-facts.js';
import { formatMoneyWith, moneyFormatOf } from '../../../analytics/money-format.js';
import { defaultTypePolicy as policy } from '../../../analytics/policy.js';
import type { Locale } from '../../api/types.js';
import { createFormatters, type Formatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { typeReasonMessage } from './type-reason.js';

const asOf = '2026-06-30';
const money = moneyFormatOf('IDR', 'id');
const context = { cutoffs: { realCustomerCount: 100, revenueCutoffMinor: 1e12, frequencyCutoff: 1e6 }, money };

/** A lead's stored numbers and the server's reason, from their orders by the rules. */
function lead(orders: OrderFact[], interest: { day: string | null; channel: string | null } = { day: '2026-05-10', channel: 'web' }) {
  const facts = summarizePurchaseDays({ customerId: 1, firstInterestDay: interest.day, firstInterestChannel: interest.channel }, [], orders, asOf, policy);
  const result = classifyCustomer(facts, policy, asOf, context);
  expect(result.types).toEqual(['lead']);
  return { numbers: result.numbers.lead, reason: result.reasons.lead };
}

const refunded = (orderedDay: string): OrderFact => ({ orderedDay, hasPromotion: false, status: 'refunded' });
const cancelled = (orderedDay: string): OrderFact => ({ orderedDay, hasPromotion: false, status: 'cancelled' });

/** Formatters that write what the analysis writes: plain numbers, ISO days. */
const asTheServerWrites: Formatters = {
  ...createFormatters('en-GB', 'IDR', 'UTC'),
  number: (value, digits = 0) => value.toFixed(digits),
  money: (minor) => formatMoneyWith(money, minor),
  date: (iso) => String(iso),
};

function read(locale: Locale, numbers: unknown, format: Formatters = createFormatters({ en: 'en-GB', id: 'id-ID', lv: 'lv-LV' }[locale], 'IDR', 'UTC')): string {
  const message = typeReasonMessage('lead', numbers, format, locale);
  expect(message).not.toBeNull();
  return lookupMessage(messagesByLocale[locale], message!.key, message!.values);
}

describe('a lead whose orders were all refunded or cancelled', () => {
  const twoRefunded = lead([refunded('2026-05-10'), refunded('2026-06-01'), refunded('2026-07-01')]);
  const mixed = lead([refunded('2026-05-10'), cancelled('2026-06-30')], { day: '2026-05-10', channel: null });
  const oneCancelled = lead([cancelled('2026-06-30')], { day: null, channel: null });

  it('counts the orders placed by the as-of day, and says none was verified and what would make them a customer', () => {
    expect(twoRefunded.numbers).toEqual({ firstInterestDay: '2026-05-10', firstInterestChannel: 'web', orderCount: 2, refundedOrderCount: 2, cancelledOrderCount: 0 });
    expect(twoRefunded.reason).toBe('Lead: 2 orders, none verified (2 were refunded), first interest 2026-05-10 via web — a customer is real once a purchase is paid and not fully refunded');
    expect(mixed.reason).toBe('Lead: 2 orders, none verified (1 was refunded, 1 was cancelled), first interest 2026-05-10 via an unknown channel — a customer is real once a purchase is paid and not fully refunded');
    expect(oneCancelled.reason).toBe('Lead: 1 order, not verified (1 was cancelled) — a customer is real once a purchase is paid and not fully refunded');
    // no order yet by the as-of day: the reason of a lead who never ordered
    expect(lead([refunded('2026-07-01')]).reason).toBe('Lead: no verified purchase yet, first interest 2026-05-10 via web');
  });

  it('reads in English exactly as the analysis wrote it, from the stored numbers alone', () => {
    for (const { numbers, reason } of [twoRefunded, mixed, oneCancelled]) expect(read('en', numbers, asTheServerWrites)).toBe(reason);
  });

  it('reads in Indonesian and Latvian, the Latvian date in the locative and the counts in their forms', () => {
    expect(read('id', twoRefunded.numbers)).toBe('Prospek: 2 pesanan, tidak ada yang terverifikasi (2 dikembalikan), minat pertama 10 Mei 2026 melalui web — '
      + 'seseorang menjadi pelanggan nyata setelah ada pembelian yang dibayar dan tidak dikembalikan seluruhnya');
    expect(read('id', mixed.numbers)).toContain('(1 dikembalikan, 1 dibatalkan), minat pertama 10 Mei 2026 melalui saluran yang tidak diketahui — ');
    expect(read('lv', twoRefunded.numbers)).toMatch(/^Potenciālais klients: 2 pasūtījumi, neviens nav apstiprināts \(2 atmaksāti\), pirmā interese .*10\. maijā caur web — par īstu klientu kļūst, kad pirkums ir apmaksāts un nav pilnībā atmaksāts$/);
    expect(read('lv', oneCancelled.numbers)).toBe('Potenciālais klients: 1 pasūtījums, nav apstiprināts (1 atcelts) — par īstu klientu kļūst, kad pirkums ir apmaksāts un nav pilnībā atmaksāts');
    // Latvian 21 takes the singular, 11 the plural
    const counts = { firstInterestDay: '2026-05-10', firstInterestChannel: 'web', orderCount: 32, refundedOrderCount: 21, cancelledOrderCount: 11 };
    expect(read('lv', counts)).toContain('32 pasūtījumi, neviens nav apstiprināts (21 atmaksāts, 11 atcelti)');
    expect(read('en', counts)).toContain('32 orders, none verified (21 were refunded, 11 were cancelled)');
  });

  it('keeps the reason of a lead without orders, and of a row stored before orders were counted', () => {
    const interestOnly = { firstInterestDay: '2026-05-10', firstInterestChannel: 'web' };
    expect(typeReasonMessage('lead', interestOnly, asTheServerWrites)?.key).toBe('typeReasons.leadInterest');
    expect(typeReasonMessage('lead', { firstInterestDay: null, firstInterestChannel: null }, asTheServerWrites)?.key).toBe('typeReasons.leadNoInterest');
  });
});
