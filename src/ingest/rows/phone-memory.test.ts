import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePhone, readPhoneNumber } from '../../customers/identity.js';

// The ingest reads every phone through normalisePhone's memory; here it is held to libphonenumber
// (readPhoneNumber), with the same number typed the ways exports type it.

describe('normalisePhone memory', () => {
  const styles = [
    (digits: string) => `0${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`,
    (digits: string) => `+62 ${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
    (digits: string) => `+62${digits}`,
    (digits: string) => `0${digits}`,
    (digits: string) => `(0${digits.slice(0, 3)}) ${digits.slice(3)}`,
    (digits: string) => `62${digits.slice(0, 3)}-${digits.slice(3)}`,
    (digits: string) => `0062 ${digits}`,
    (digits: string) => `(0062) ${digits}`,
    (digits: string) => ` 0${digits} `,
    (digits: string) => `+ 62 ${digits}`,
    (digits: string) => `00${digits}`,
    (digits: string) => `${digits}`,
  ];

  it('gives what libphonenumber gives, however the same number is typed and in whatever order numbers come', () => {
    const typed = fc.tuple(fc.stringMatching(/^[0-9]{4,13}$/), fc.integer({ min: 0, max: styles.length - 1 })).map(([digits, style]) => styles[style](digits));
    const anyText = fc.stringMatching(/^[0-9 ()+-]{0,20}$/);
    fc.assert(
      fc.property(fc.array(fc.oneof(typed, anyText), { minLength: 1, maxLength: 30 }), fc.constantFrom('ID', 'LV', 'id'), (numbers, country) => {
        for (const raw of [...numbers, ...numbers.reverse()]) expect(normalisePhone(raw, country)).toEqual(readPhoneNumber(raw, country));
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with libphonenumber on placeholders and extensions, remembered or not', () => {
    const numbers = ['0000000000', '000 000 0000', '021 555 0100', '021 555 0100 ext 12', '021 555 0100 x12', '021 555 0100 #13', '+62215550100;ext=12', '12345678', '2912 3457'];
    for (const country of ['ID', 'LV']) {
      for (const raw of [...numbers, ...numbers]) expect(normalisePhone(raw, country)).toEqual(readPhoneNumber(raw, country));
    }
    expect(normalisePhone('0000000000', 'ID').value).toBeNull();
    expect(normalisePhone('021 555 0100 #13', 'ID').value).toBe('+62215550100;ext=13');
  });
});
