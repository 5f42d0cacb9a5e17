import { describe, expect, it } from 'vitest';
import { examplePhoneOf, identityKey, normaliseEmail, normaliseExternalId, normaliseExternalIdentity, normaliseExternalNamespace, normalisePhone, readPhoneNumber } from './identity.js';

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

describe('normaliseEmail and invisible characters that change how an address looks', () => {
  it.each([
    ['\u202Euni.base@h6.test', '"<U+202E>uni.base@h6.test" contains an invisible character U+202E at position 1; retype the address'],
    ['ana@exam\u00ADple.com', '"ana@exam<U+00AD>ple.com" contains an invisible character U+00AD at position 9; retype the address'],
    ['ana\u2066@example.com\u2069', '"ana<U+2066>@example.com<U+2069>" contains an invisible character U+2066 at position 4; retype the address'],
    // a character outside the Basic Multilingual Plane counts as one position, as a person counts
    ['😀a\u200E@example.com', '"😀a<U+200E>@example.com" contains an invisible character U+200E at position 3; retype the address'],
    ['a@example.com\u{E0041}', '"a@example.com<U+E0041>" contains an invisible character U+E0041 at position 14; retype the address'],
  ])('refuses %j, naming the character and where it is', (raw, reason) => {
    expect(normaliseEmail(raw)).toEqual({ value: null, reason });
  });

  it('still drops the zero-width characters pasting leaves, reporting what remains', () => {
    expect(normaliseEmail('\u200Bana\u202E@example.com').reason).toBe('"ana<U+202E>@example.com" contains an invisible character U+202E at position 4; retype the address');
  });
});

describe('normaliseExternalIdentity', () => {
  it.each([
    [' 17850.0 ', { value: '17850', reason: null }],
    ['\uFEFFLC-5', { value: 'LC-5', reason: null }],
    ['', { value: null, reason: null }],
    [null, { value: null, reason: null }],
    ['LC\u200B-5', { value: null, reason: '"LC<U+200B>-5" contains an invisible character U+200B at position 3; retype the id' }],
    ['\u202E5-CL', { value: null, reason: '"<U+202E>5-CL" contains an invisible character U+202E at position 1; retype the id' }],
  ])('reads %j as %j', (raw, expected) => {
    expect(normaliseExternalIdentity(raw)).toEqual(expected);
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

  it.each([
    ['LV', '0000000000', '+371 2612 3456'], ['LV', '12', '+371 2612 3456'], ['ID', '0000000000', '+62 812 3456 7890'],
    ['DE', '0000000000', '+49 1512 3456789'], ['EE', '12', '+372 5123 4567'],
  ])('gives a %s number as the example when refusing %j, not another country\'s', (country, raw, example) => {
    const { reason } = normalisePhone(raw, country);
    expect(reason).toMatch(new RegExp(`for ${country}\\b.*with its country code, e\\.g\\. ${example.replace(/\+/g, '\\+')}$`));
    expect(readPhoneNumber(raw, country).reason).toBe(reason);
    expect(examplePhoneOf(country)).toBe(example);
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

describe('normaliseExternalNamespace', () => {
  it.each([
    ['loyalty_card', 'loyalty_card'], ['LOYALTY_CARD', 'loyalty_card'], ['Loyalty Card', 'loyalty_card'], [' loyalty-card ', 'loyalty_card'],
    ['Loyalty - Card', 'loyalty_card'], ['Loyalty\tCard', 'loyalty_card'], ['web.account', 'web.account'], ['Shopify', 'shopify'],
  ])('reads the system %j as %j', (raw, expected) => {
    expect(normaliseExternalNamespace(raw)).toBe(expected);
  });
});
