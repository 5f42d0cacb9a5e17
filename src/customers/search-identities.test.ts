import { describe, expect, it } from 'vitest';
import { emailStartOf, phoneSearchHint } from './search-identities.js';

describe('phoneSearchHint', () => {
  it('names the store country with the article its letters take', () => {
    expect(phoneSearchHint('0812 3456 7890', 'lv')?.message).toContain('so it was read as an LV number (the store\'s country)');
    expect(phoneSearchHint('0812 3456 7890', 'US')?.message).toContain('so it was read as a US number (the store\'s country)');
  });

  it('gives as its example a number of the store\'s country, not an Indonesian one', () => {
    expect(phoneSearchHint('0812 3456 7890', 'lv')).toMatchObject({ example: '+371 2612 3456', message: expect.stringMatching(/write it with its country code, e\.g\. \+371 2612 3456$/) });
    expect(phoneSearchHint('0812 3456 7890', 'US')).toMatchObject({ example: '+1 201 555 0123', message: expect.stringMatching(/e\.g\. \+1 201 555 0123$/) });
    expect(phoneSearchHint('+99 812 3456', 'LV')).toMatchObject({ code: 'phone_not_possible', example: '+371 2612 3456', message: expect.stringContaining('+371 2612 3456') });
    expect(phoneSearchHint('+99 812 3456', 'ID')).toMatchObject({ example: '+62 812 3456 7890' });
  });

  it('says which hint it is and what it names, for a screen to say in its own language', () => {
    expect(phoneSearchHint(' 0812 3456 7890 ', 'lv')).toMatchObject({ code: 'phone_without_country_code', text: '0812 3456 7890', country: 'LV' });
    expect(phoneSearchHint('+99 812 3456', 'US')).toMatchObject({ code: 'phone_not_possible', text: '+99 812 3456', country: 'US', message: expect.stringContaining('is not a possible phone number') });
    expect(phoneSearchHint('0099 812 3456', 'US')).toMatchObject({ code: 'phone_not_possible', text: '0099 812 3456' });
    expect(phoneSearchHint('+1 000 000 0000', 'US')).toMatchObject({ code: 'phone_not_valid', text: '+1 000 000 0000', message: expect.stringContaining('is not a valid phone number') });
  });

  it('gives the code that says what its English sentence says, whatever the number', () => {
    const sentenceOf = { phone_not_possible: 'is not a possible phone number', phone_not_valid: 'is not a valid phone number', phone_without_country_code: 'has no country code' };
    for (const text of ['+99 812 3456', '0099 812 3456', '+1 000 000 0000', '0001 2345 6789', '000 000 0000', '+62 000 0000 0000', '0812 3456 7890', '+371 0000 0000']) {
      for (const country of ['US', 'LV', 'ID']) {
        const hint = phoneSearchHint(text, country);
        if (hint) expect({ text, country, message: hint.message }).toEqual({ text, country, message: expect.stringContaining(sentenceOf[hint.code]) });
      }
    }
  });

  it('says nothing when the text reads as a customer number, however many digits it has', () => {
    for (const text of ['1234567', '123456789012345', '#99999999']) expect({ text, hint: phoneSearchHint(text, 'US') }).toEqual({ text, hint: null });
  });
});

describe('emailStartOf', () => {
  it('reads a start of three characters or more as an address is stored, in lower case', () => {
    expect(emailStartOf(' Surya.Hakim4242 ', false)).toBe('surya.hakim4242');
    expect(emailStartOf('surya.hakim4242@hot', false)).toBe('surya.hakim4242@hot');
    expect(emailStartOf('sur', false)).toBe('sur');
  });

  it('reads no start in an address someone has, a customer number, a phone, words or two characters', () => {
    for (const text of ['ana@example.com', '4242', '#4242', '0812 3456 7890', '+6281234567890', 'joko gunawan', 'su', '']) {
      expect({ text, start: emailStartOf(text, text.includes('@')) }).toEqual({ text, start: null });
    }
  });
});
