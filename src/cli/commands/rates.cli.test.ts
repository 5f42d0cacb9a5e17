import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

describeEachCliStore('clientele rates set', (context) => {
  it('refuses a rate for the store currency, whose rate is always 1, and stores none', async () => {
    const refused = await runCliInProcess(context.db, ['rates', 'set', 'idr', '2']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('error SETTINGS_RATE_OF_STORE_CURRENCY: IDR is the store currency, whose rate is always 1: set rates only for the other currencies orders come in.');
    const asJson = await runCliInProcess(context.db, ['--json', 'rates', 'set', 'IDR', '2']);
    expect(JSON.parse(asJson.stdout).error).toMatchObject({ code: 'SETTINGS_RATE_OF_STORE_CURRENCY', field: '<currency>' });
    expect(JSON.parse((await runCliInProcess(context.db, ['--json', 'rates', 'list'])).stdout)).toEqual({});
    expect((await runCliInProcess(context.db, ['rates', 'set', 'EUR', '17500'])).stdout).toBe('1 EUR = 17500 in the store currency.\n');
  }, 120_000);
});
