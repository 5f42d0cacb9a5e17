import { describe, expect, it } from 'vitest';
import { blocksImport, columnCountReject, delimiterName } from './parse-problems.js';

describe('the problems of a file\'s lines', () => {
  it('blocks the import only for a quote never closed: the rows after it would be swallowed', () => {
    expect(blocksImport([{ line: 3, kind: 'unclosedQuote' }])).toBe(true);
    expect(blocksImport([{ line: 2, kind: 'columnCount', values: 5, columns: 4, delimiter: ',' }])).toBe(false);
  });

  it('rejects a row of another number of values than columns with the CLI\'s reason, naming a tab as "tab"', () => {
    expect(columnCountReject('orders.tsv', 7, 3, 4, '\t', 'K1\tC1\t2026-02-05')).toEqual({
      file: 'orders.tsv', line: 7, field: null, code: 'ROW_COLUMN_COUNT', params: { line: 7, values: 3, columns: 4, delimiter: 'tab' }, raw: 'K1\tC1\t2026-02-05',
      reason: 'line 7 has 3 values but the header has 4 columns; quote values that contain the delimiter "tab"',
    });
    expect(delimiterName(';')).toBe(';');
  });
});
