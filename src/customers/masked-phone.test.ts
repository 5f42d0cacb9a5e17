import { describe, expect, it } from 'vitest';
import { isMaskedPhone, normalisePhone, readPhoneNumber } from './identity.js';

// libphonenumber reads the digits before a mask: "0812-3456-7***" was +6281234567 for every buyer
// whose number starts so, and "62812345****" the made-up +6262812345.
describe('a phone number a marketplace masked', () => {
  it.each([
    '0812-3456-7***', '62812345****', '******7890', '628******123', '62812****7890', '+62 812 **** 7890', '0812xxxx7890', '08123456XXXX',
    '6281234567***', '(+62) 812-3456-7***', '0812-••••-7890', '0812-####-7890', '081234567x', '081234567#',
  ])('%j is no identity: never stored, never matched', (raw) => {
    expect(isMaskedPhone(raw)).toBe(true);
    const read = normalisePhone(raw, 'ID');
    expect(read.value).toBeNull();
    expect(read.reason).toBe(`"${raw}" is masked (some of its digits are hidden), and a masked number cannot tell people apart; write the whole number`);
    expect(readPhoneNumber(raw, 'ID')).toEqual(read);
  });

  it.each([
    ['0812-3456-7890', '+6281234567890'], ['+62 21 555 0100 x12', '+62215550100;ext=12'], ['+62 21 555 0100 #12', '+62215550100;ext=12'],
    ['+62 21 555 0100 ext 12', '+62215550100;ext=12'], ['+1 415-555-2671x12', '+14155552671;ext=12'], ['+371 2612 3456', '+37126123456'],
  ])('reads %j, an extension included, as before', (raw, value) => {
    expect(isMaskedPhone(raw)).toBe(false);
    expect(normalisePhone(raw, 'ID')).toEqual({ value, reason: null });
  });
});
