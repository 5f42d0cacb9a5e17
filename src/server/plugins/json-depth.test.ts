import { describe, expect, it } from 'vitest';
import { pathNestedTooDeep } from './json-depth.js';

describe('pathNestedTooDeep', () => {
  it.each([
    ['a scalar', '1', null],
    ['two levels holding a value', '[[1]]', null],
    ['an empty array as deep as it gets', '[[[]]]', null],
    ['an empty object as deep as it gets', '{"a":{"b":{}}}', null],
    ['an array holding a value one level too deep', '[[[1]]]', ['0', '0']],
    ['an object holding a key one level too deep', '{"a":{"b":{"c":1}}}', ['a', 'b']],
    ['brackets inside strings', '["[[[[", {"{{{": "]]]"}, "[{[{"]', null],
    ['an escaped quote that does not end the string', String.raw`["\"[[[[", 1]`, null],
    ['an escaped backslash that lets the quote end the string', String.raw`["\\", [[1]]]`, ['1', '0']],
    ['items counted past nested commas and strings with commas', '[[1, 2], {"k": ",", "l": []}, "a,b", [[6]]]', ['3', '0']],
    ['an escaped key, decoded', String.raw`{"a\u0062": {"x": {"y": 1}}}`, ['ab', 'x']],
    ['whitespace between tokens', ' [ \n [\t[\r\n 1 ] ] ] ', ['0', '0']],
    ['the second key of an object', '{"a": 1, "b": {"c": {"d": 1}}}', ['b', 'c']],
  ])('%s', (_label, text, expected) => {
    expect(pathNestedTooDeep(text, 2)).toEqual(expected);
  });

  it('names the first place too deep, as many levels long as allowed, in a body a million levels deep', () => {
    const levels = 1_000_000;
    const path = pathNestedTooDeep(`{"filter":${'['.repeat(levels)}1${']'.repeat(levels)}}`, 64);
    expect(path).toHaveLength(64);
    expect(path?.slice(0, 3)).toEqual(['filter', '0', '0']);
  });

  it('agrees with JSON.parse on how deep a valid body nests', () => {
    const nested = (levels: number) => '{"a":'.repeat(levels) + '[]' + '}'.repeat(levels);
    const text = nested(10);
    expect(() => JSON.parse(text)).not.toThrow();
    expect(pathNestedTooDeep(text, 10)).toBeNull();
    expect(pathNestedTooDeep(nested(11), 10)).toEqual(Array(10).fill('a'));
  });
});
