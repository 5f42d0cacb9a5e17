import { describe, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { judgeRejectedRows } from './demo-run.js';

const group = (rows: number, isExpected: boolean) => ({ code: isExpected ? 'BIRTH_YEAR_OUT_OF_RANGE' : 'CUSTOMER_MISSING', rows, why: 'why', isExpected });

describe('judgeRejectedRows', () => {
  it.each([
    ['no rejected row', [], { isDataError: false, sentence: null }],
    ['one row the data set is known to hold wrong', [[group(1, true)]], { isDataError: false, sentence: '1 row of the data set is invalid and was left out: faults the data set is known to hold (listed above), so the load is complete.' }],
    ['known faults across files', [[group(2, true)], [group(3, true)]], { isDataError: false, sentence: expect.stringMatching(/^5 rows of the data set are invalid and were left out: /) }],
    ['any row it is not known to hold, beside known ones', [[group(2, true), group(1_200, false)]], { isDataError: true, sentence: '1,200 rows rejected that the data set is not known to hold (marked above): exit code 2, as `clientele import` gives when rows are rejected.' }],
  ])('judges %s', (_name, files, judgement) => {
    expect(judgeRejectedRows(files.map((rejectedRows) => ({ rejectedRows })))).toEqual(judgement);
  });
});

describeEachCliStore('clientele demo load of a data set with known faulty rows', (context) => {
  it('exits 0 and says the rows left out are the data set\'s own faults', async () => {
    const result = await runCliInProcess(context.db, ['demo', 'load', 'customer-personality']);
    expect(result.error).toBeNull();
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('  2  BIRTH_YEAR_OUT_OF_RANGE: customers born before 1900');
    expect(result.stdout).toContain('2 rows of the data set are invalid and were left out: faults the data set is known to hold (listed above), so the load is complete.');
  }, 240_000);
});
