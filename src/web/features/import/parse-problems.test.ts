import { describe, expect, it } from 'vitest';
import { blocksImport, columnCountReject, delimiterName, unclosedQuoteReject } from './parse-problems.js';

describe('the problems of a file\'s lines', () => {
  it('blocks the import only for a quote never closed: the rows after it would be swallowed', () => {
    expect(blocksImport([{ line: 3, kind: 'unclosedQuote' }])).toBe(true);
    expect(blocksImport([{ line: 2, kind: 'columnCount', values: 5, columns: 4, delimiter: ',' }])).toBe(false);
    // one opened on the last line swallows no row: that row alone is rejected, as the CLI rejects it
    expect(blocksImport([{ line: 4, kind: 'cutOffQuote' }, { line: 2, kind: 'notJsonObject' }])).toBe(false);
  });

  it('rejects a row cut off in a quote with the CLI\'s code and reason', () => {
    expect(unclosedQuoteReject('orders.csv', 4, 'C2;"LV2;02.11')).toEqual({
      file: 'orders.csv', line: 4, field: null, code: 'ROW_QUOTE_UNCLOSED', params: { line: 4 }, raw: 'C2;"LV2;02.11',
      reason: 'line 4 opens a quote (") that is never closed — the file may be truncated; close the quote or remove the incomplete last row',
    });
  });

  it('rejects a row of another number of values than columns with the CLI\'s reason, naming a tab as "tab"', () => {
    expect(columnCountReject('orders.tsv', 7, 3, 4, '\t', 'K1\tC1\t2026-02-05')).toEqual({
      file: 'orders.tsv', line: 7, field: null, code: 'ROW_COLUMN_COUNT', params: { line: 7, values: 3, columns: 4, delimiter: 'tab' }, raw: 'K1\tC1\t2026-02-05',
      reason: 'line 7 has 3 values but the header has 4 columns; quote values that contain the delimiter "tab"',
    });
    expect(delimiterName(';')).toBe(';');
  });
});
