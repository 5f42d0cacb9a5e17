import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { refundedText } from './refunded-text.js';

describe('refunds on the purchases card', () => {
  it('says none rather than "US$0.00 (0)", and the amount with its orders otherwise', () => {
    const i18n = { t: (key: string) => lookupMessage(messagesByLocale.en, key), format: createFormatters('en-GB', 'USD', 'America/New_York') };
    expect(refundedText({ refunded_minor: 0, refunded_order_count: 0 }, i18n)).toBe('None');
    expect(refundedText({ refunded_minor: 228_300, refunded_order_count: 2 }, i18n)).toBe('US$2,283.00 (2)');
    const indonesian = { t: (key: string) => lookupMessage(messagesByLocale.id, key), format: createFormatters('id-ID', 'IDR', 'Asia/Jakarta') };
    expect(refundedText({ refunded_minor: 0, refunded_order_count: 0 }, indonesian)).toBe('Tidak ada');
  });
});
