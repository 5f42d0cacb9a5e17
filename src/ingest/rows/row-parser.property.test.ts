import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportEntity } from '../canonical.js';
import { canonicalFields } from './fields.js';
import { createRowParser } from './row-parser.js';
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
