import { describe, expect, it } from 'vitest';
import { phoneText } from './phone-text.js';

describe('phoneText', () => {
  it.each([
    ['+6283318576429', '+62 833 1857 6429'],
    ['+6281255501234', '+62 812 5550 1234'],
    ['+37120012345', '+371 20 012 345'],
    ['+442079460958', '+44 20 7946 0958'],
  ])('groups the stored number %s as its country writes it: %s', (stored, shown) => {
    expect(phoneText(stored)).toBe(shown);
  });

  it('shows a value it cannot read as a phone number as stored, not guessed at', () => {
    for (const stored of ['0812', '+1', 'call the shop']) expect(phoneText(stored)).toBe(stored);
  });
});
