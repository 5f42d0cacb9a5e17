import { describe, expect, it } from 'vitest';
import { identityKey, normaliseEmail, normaliseExternalId, normalisePhone, readPhoneNumber } from './identity.js';

describe('normaliseEmail', () => {
  it.each([
    ['  Ana@Example.COM ', 'ana@example.com'],
    ['a.b+tag@shop.co.id', 'a.b+tag@shop.co.id'],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normaliseEmail(raw)).toEqual({ value: expected, reason: null });
  });

  it.each(['ana', 'ana@', '@example.com', 'ana@example', 'an a@example.com', 'ana@@example.com', 'ana@example.'])(
    'rejects %j with a reason',
    (raw) => {
      const result = normaliseEmail(raw);
      expect(result.value).toBeNull();
      expect(result.reason).toContain('not an email address');
    },
  );

  it.each(['', '   ', null, undefined, '\u200B'])('treats %j as absent, not as an error', (raw) => {
    expect(normaliseEmail(raw)).toEqual({ value: null, reason: null });
  });

  it.each([
    ['änna@bücher.de'.normalize('NFC'), 'änna@bücher.de'],
    ['ÄNNA@BÜCHER.DE'.normalize('NFD'), 'änna@bücher.de'],
    ['änna@xn--bcher-kva.de', 'änna@bücher.de'],
    ['Änna@XN--BCHER-KVA.DE'.normalize('NFD'), 'änna@bücher.de'],
    ['a@ＥＸＡＭＰＬＥ.com', 'a@example.com'],
    ['\u200Bana@example.com\u200B ', 'ana@example.com'],
    ['an\u200Da@exam\uFEFFple.com', 'ana@example.com'],
  ])('writes %j in one form, %j', (raw, expected) => {
    expect(normaliseEmail(raw)).toEqual({ value: expected.normalize('NFC'), reason: null });
  });
});

describe('normalisePhone', () => {
  it.each([
    ['0812-3456-7890', 'ID', '+6281234567890'],
    ['+62 812 3456 7890', 'LV', '+6281234567890'],
    ['006281234567890', 'LV', '+6281234567890'],
    ['2 123 4567', 'LV', '+37121234567'],
    ['(415) 555-2671', 'US', '+14155552671'],
  ])('normalises %j in %s to %s', (raw, country, expected) => {
    expect(normalisePhone(raw, country)).toEqual({ value: expected, reason: null });
  });

  it.each([['12', 'ID'], ['not a phone', 'ID'], ['+62 1', 'ID'], ['0812345678901234567', 'ID']])('rejects %j with a reason', (raw, country) => {
    const result = normalisePhone(raw, country);
    expect(result.value).toBeNull();
    expect(result.reason).toContain('not a possible phone number');
  });

  it.each([['0000000000', 'ID'], ['000 000 0000', 'ID'], ['12345678', 'LV'], ['+371 0000 0000', 'ID']])('rejects the placeholder %j in %s, saying to write the real number', (raw, country) => {
    expect(normalisePhone(raw, country)).toEqual({ value: null, reason: expect.stringContaining('not a valid phone number') });
    expect(normalisePhone(raw, country).reason).toContain('real number');
    expect(readPhoneNumber(raw, country)).toEqual(normalisePhone(raw, country));
  });

  it.each([
    ['+62 21 555 0100 ext 12', '+62215550100;ext=12'],
    ['+62 21 555 0100 x12', '+62215550100;ext=12'],
    ['021 555 0100 #12', '+62215550100;ext=12'],
    ['021-555-0100 ext. 13', '+62215550100;ext=13'],
    ['+62215550100;ext=12', '+62215550100;ext=12'],
    ['021 555 0100', '+62215550100'],
  ])('keeps the extension of %j in the key: %s', (raw, expected) => {
    expect(normalisePhone(raw, 'ID')).toEqual({ value: expected, reason: null });
    expect(readPhoneNumber(raw, 'ID')).toEqual({ value: expected, reason: null });
  });

  it('reads a number with no country prefix as a number of the given country', () => {
    expect(normalisePhone('2912 3457', 'LV')).toEqual({ value: '+37129123457', reason: null });
    expect(normalisePhone('0812 3456 7890', 'ID')).toEqual({ value: '+6281234567890', reason: null });
  });

  it('treats an empty value as absent', () => {
    expect(normalisePhone('  ', 'ID')).toEqual({ value: null, reason: null });
  });
});

describe('normaliseExternalId', () => {
  it.each([
    ['17850.0', '17850'],
    [' 17850.00 ', '17850'],
    ['17850', '17850'],
    ['17850.5', '17850.5'],
    ['A-17.0x', 'A-17.0x'],
    ['#1001', '#1001'],
    ['', null],
    [null, null],
  ])('normalises %j to %j', (raw, expected) => {
    expect(normaliseExternalId(raw)).toBe(expected);
  });
});

describe('identityKey', () => {
  it('keeps namespaces apart so equal ids in two systems never collide', () => {
    expect(identityKey({ kind: 'external', namespace: 'shopify', value: '1' })).toBe('external:shopify:1');
    expect(identityKey({ kind: 'external', namespace: 'pos', value: '1' })).not.toBe(identityKey({ kind: 'external', namespace: 'shopify', value: '1' }));
    expect(identityKey({ kind: 'email', value: 'a@b.co' })).toBe('email:a@b.co');
    expect(identityKey({ kind: 'phone', value: '+6281234567890' })).toBe('phone:+6281234567890');
  });
});
