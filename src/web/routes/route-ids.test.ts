import { describe, expect, it } from 'vitest';
import { parseRouteId, parseRouteIds } from './route-ids.js';

describe('parseRouteId', () => {
  it.each([['1', 1], ['42', 42], ['9007199254740991', 9_007_199_254_740_991]])('reads %j as the id %i', (text, id) => {
    expect(parseRouteId(text)).toBe(id);
  });

  it.each(['abc', '0', '-1', '1.5', '1e3', ' 7', '007', '', 'NaN', '9007199254740993'])('refuses %j', (text) => {
    expect(parseRouteId(text)).toBeNull();
  });
});

describe('parseRouteIds', () => {
  it('parses every id parameter and refuses the route when one is not an id', () => {
    expect(parseRouteIds({ segmentId: '12' })).toEqual({ segmentId: 12 });
    expect(parseRouteIds({ customerId: 'abc' })).toBeNull();
    expect(parseRouteIds({})).toEqual({});
  });
});
