import { describe, expect, it } from 'vitest';
import { sqlLiteral } from './sql-literal.js';

describe('sqlLiteral', () => {
  it.each([
    [null, 'null'],
    [undefined, 'null'],
    [42, "E'42'"],
    [-0.25, "E'-0.25'"],
    [true, "E'true'"],
    ['Asia/Jakarta', "E'Asia/Jakarta'"],
    ["it's", "E'it\\'s'"],
    ['a\\b', "E'a\\\\b'"],
    [new Date('2026-06-30T17:00:00Z'), "E'2026-06-30T17:00:00.000Z'"],
    [[1, 2, 3], "E'{\"1\",\"2\",\"3\"}'"],
    [[], "E'{}'"],
    [['at_risk', null, 'say "hi"', 'back\\slash'], "E'{\"at_risk\",NULL,\"say \\\\\"hi\\\\\"\",\"back\\\\\\\\slash\"}'"],
  ])('writes %j as %s', (value, literal) => {
    expect(sqlLiteral(value)).toBe(literal);
  });

  it('refuses values it cannot write faithfully', () => {
    expect(() => sqlLiteral(Number.NaN)).toThrow(TypeError);
    expect(() => sqlLiteral({ a: 1 })).toThrow(TypeError);
    expect(() => sqlLiteral([[1]])).toThrow(TypeError);
    expect(() => sqlLiteral(new Date('nope'))).toThrow(TypeError);
  });
});
