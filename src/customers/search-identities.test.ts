import { describe, expect, it } from 'vitest';
import { phoneSearchHint } from './search-identities.js';

describe('phoneSearchHint', () => {
  it('names the store country with the article its letters take', () => {
    expect(phoneSearchHint('0812 3456 7890', 'lv')).toContain('so it was read as an LV number (the store\'s country)');
    expect(phoneSearchHint('0812 3456 7890', 'US')).toContain('so it was read as a US number (the store\'s country)');
  });

  it('says nothing when the text reads as a customer number, however many digits it has', () => {
    for (const text of ['1234567', '123456789012345', '#99999999']) expect({ text, hint: phoneSearchHint(text, 'US') }).toEqual({ text, hint: null });
  });
});
