import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportEntity } from '../canonical.js';
import { toMinorUnits } from '../../core/money.js';
import { canonicalFields } from './fields.js';
import { createRowParser } from './row-parser.js';
import { isRejectCode } from '../reject-codes.js';
import { testContext } from './test-context.js';

// Values shaped like the real thing, broken the ways real exports break them.
const messyValue = fc.oneof(
  fc.constant(null),
  fc.string(),
  fc.constantFrom('', ' ', '0', '-1', '17850.0', '1.234,50', 'Rp 45.000', '$12.99', '(3)', 'NaN', '1e400', 'yes', 'maybe', 'POS', 'refunded', 'pending', 'signup'),
  fc.constantFrom('2024-03-01', '2024-03-01T10:00:00+07:00', '31-02-2015', '1969-12-31', '9999-01-01', '1709287200', '20240301', 'yesterday'),
  fc.constantFrom('ana@example.com', 'ANA@', '+62 812 3456 7890', '12', 'EUR', 'xyz', 'IDR', '\u0000', '"', '\ufffd'),
  fc.integer().map(String),
  fc.double().map(String),
);

describe.each<ImportEntity>(['customers', 'orders', 'lines', 'products', 'events'])('the %s row parser on random malformed rows', (entity) => {
  const fields = [...canonicalFields[entity], ...(entity === 'customers' ? ['external_id.card', 'attribute.x'] : [])];
  const parser = createRowParser(entity, { file: 'random.csv', context: testContext, dateFormat: null });
  parser.checkHeaders(fields);

  it('never throws and always gives either a row or a reject with its line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.dictionary(fc.constantFrom(...fields), messyValue), (line, values) => {
        const result = parser.parse({ line, values });
        if (result.reject) {
          expect(result.reject.line).toBe(line);
          expect(result.reject.file).toBe('random.csv');
          expect(result.reject.reason.length).toBeGreaterThan(10);
          // The catch-all reject means a builder crashed: a bug, not bad data.
          expect(result.reject.reason).not.toContain('could not be read');
          // API clients translate the reason from its code and the values it names.
          expect(isRejectCode(result.reject.code)).toBe(true);
          for (const param of Object.values(result.reject.params)) expect(['string', 'number']).toContain(typeof param);
          // the row's other problems: each a field of its own, never the one that rejected the row
          const also = result.reject.also ?? [];
          expect(new Set([result.reject.field, ...also.map((problem) => problem.field)]).size).toBe(also.length + 1);
          for (const problem of also) {
            expect(isRejectCode(problem.code)).toBe(true);
            expect(problem.reason.length).toBeGreaterThan(10);
            for (const param of Object.values(problem.params)) expect(['string', 'number']).toContain(typeof param);
          }
          expect(result.row).toBeUndefined();
        } else {
          expect(result.row.line).toBe(line);
          for (const value of Object.values(result.row)) {
            if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
            if (value instanceof Date) expect(Number.isNaN(value.getTime())).toBe(false);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** The decimals "1250e-3" needs (2), or Infinity when the text is not a whole mantissa and a power of ten. */
function exponentDecimals(text: string): number {
  const match = /^(\d+)e(-?\d+)$/.exec(text);
  if (!match) return Infinity;
  const mantissa = match[1].replace(/^0+/, '');
  if (mantissa === '') return 0;
  const trailingZeros = mantissa.length - mantissa.replace(/0+$/, '').length;
  return Math.max(0, -Number(match[2]) - trailingZeros);
}

describe('amounts on random orders', () => {
  const parser = createRowParser('orders', { file: 'random.csv', context: testContext, dateFormat: null });
  parser.checkHeaders(['order_id', 'customer_id', 'ordered_at', 'amount']);
  // Numbers as JSON sends them (String(x): "12.5", "1e+21", "5e-324"), exponents as people type
  // them, and digits with a letter or symbol dropped in.
  const cents = fc.integer({ min: 0, max: 1e15 }).map((value) => String(value / 100));
  const exponent = fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: -30, max: 30 })).map(([mantissa, power]) => `${mantissa}e${power}`);
  // Without "123.456": one separator before three digits is read as thousands in a two-decimal currency, on purpose (Rp 45.000).
  const doubles = fc.double({ min: 0, noNaN: true }).map(String).filter((text) => !/^\d+\.\d{3}$/.test(text));
  const spoilt = fc.tuple(fc.stringMatching(/^\d{1,6}$/), fc.constantFrom(...'abcdxyzXZ_#/+'), fc.stringMatching(/^\d{1,6}$/)).map((parts) => parts.join(''));

  it('store the number written, in minor units, or reject the row on its amount', () => {
    fc.assert(
      fc.property(fc.oneof(cents, exponent, doubles, spoilt), (amount) => {
        const result = parser.parse({ line: 2, values: { order_id: 'A-1', customer_id: 'C1', ordered_at: '2024-03-01', amount } });
        const written = Number(amount);
        if (result.reject) expect(result.reject.field).toBe('amount');
        else expect(result.row.totalMinor).toBe(toMinorUnits(written, 'EUR'));
        // Numbers within the limit that JavaScript or people write plainly must be accepted, not
        // refused, unless they need more decimals than the euro's two (1e-3 is a tenth of a cent).
        if ((/^\d+(\.\d{1,2})?$/.test(amount) || exponentDecimals(amount) <= 2) && written <= 1e13) expect(result.reject).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it('reject a row with a NUL character in any field it maps, naming that field', () => {
    const order = { order_id: 'A-1', customer_id: 'C1', ordered_at: '2024-03-01', amount: '10' };
    fc.assert(
      fc.property(fc.constantFrom(...(Object.keys(order) as Array<keyof typeof order>)), fc.nat(), (field, at) => {
        const value = order[field];
        const position = at % (value.length + 1);
        const result = parser.parse({ line: 3, values: { ...order, [field]: `${value.slice(0, position)}\u0000${value.slice(position)}` } });
        expect(result.reject).toMatchObject({ line: 3, field, reason: expect.stringContaining('NUL character') });
      }),
    );
  });
});
