import { describe, expect, it } from 'vitest';
import { jsonErrorPlace } from './json-error-place.js';

describe('jsonErrorPlace', () => {
  it.each([
    ['a text cut off inside a list', '{"and": [', { line: 1, column: 10, character: null }],
    ['a comma before a closing brace', '{"and": [\n  {"field": "city",}\n]}', { line: 2, column: 20, character: '}' }],
    ['a key without quotes', '{field: "city"}', { line: 1, column: 2, character: 'f' }],
    ['single quotes', "{'field': 'city'}", { line: 1, column: 2, character: "'" }],
    ['a missing comma', '{"field": "city" "op": "eq"}', { line: 1, column: 18, character: '"' }],
    ['a line break inside a text', '{"city": "Ri\nga"}', { line: 1, column: 13, character: '\n' }],
    ['a word JSON does not know', '{"value": True}', { line: 1, column: 11, character: 'T' }],
    ['text after the value', '{"and": []} x', { line: 1, column: 13, character: 'x' }],
    ['a bad escape', '{"city": "a\\qb"}', { line: 1, column: 13, character: 'q' }],
    ['a number with a leading zero', '{"value": 01}', { line: 1, column: 12, character: '1' }],
  ])('finds %s', (_name, text, place) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorPlace(text)).toEqual(place);
  });

  it.each([
    '{"and": [{"field": "city", "op": "eq", "value": "Rīga"}]}',
    ' [1, -2.5e3, true, false, null, "a\\"b\\u00e9", {}] ',
    '"just a text"',
  ])('finds nothing wrong in JSON: %s', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(jsonErrorPlace(text)).toBeNull();
  });

  it('gives up, rather than failing, on nesting deeper than the stack', () => {
    expect(jsonErrorPlace('['.repeat(1_000_000))).toBeNull();
  });
});
