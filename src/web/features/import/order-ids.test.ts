import { describe, expect, it } from 'vitest';
import { orderIdOf, unreadableRowOrderIdOf } from './order-ids.js';

describe('an order id as the server keys it', () => {
  const ids: Array<[string | null | undefined, string | null]> = [
    ['536365', '536365'], [' 536365 ', '536365'], ['536365.0', '536365'], ['536365.000', '536365'], ['-12.0', '-12'], ['536365.5', '536365.5'],
    ['5.0e3', '5.0e3'], ['C536379', 'C536379'], ['#1001', '#1001'], ['A.0', 'A.0'], ['.0', '.0'], ['', null], ['   ', null], [undefined, null], [null, null],
  ];

  it.each(ids)('reads %j as %j, a spreadsheet\'s float of an integer id as the integer', (raw, expected) => {
    expect(orderIdOf(raw)).toBe(expected);
  });

  it('reads no id from a refused row\'s value that a quote or the decoding broke, as the CLI does', () => {
    expect(unreadableRowOrderIdOf('536365.0')).toBe('536365');
    expect(['53\n6365', '536365\r', 'A\u0000', 'J\ufffdnis', '', undefined].map(unreadableRowOrderIdOf)).toEqual([null, null, null, null, null, null]);
  });
});
