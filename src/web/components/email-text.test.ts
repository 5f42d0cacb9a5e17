import { describe, expect, it } from 'vitest';
import { emailLineParts } from './email-text.js';

describe('emailLineParts', () => {
  it('offers line breaks only after the @ and before a dot', () => {
    expect(emailLineParts('putu10450@ymail.com')).toEqual(['putu10450@', 'ymail', '.com']);
    expect(emailLineParts('anna.kalnina@veikals.co.lv')).toEqual(['anna', '.kalnina@', 'veikals', '.co', '.lv']);
    expect(emailLineParts('not-an-email')).toEqual(['not-an-email']);
  });
});
