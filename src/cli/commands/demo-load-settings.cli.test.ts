import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

describeEachCliStore('clientele demo load over settings someone chose', (context) => {
  it('says which settings the demo replaced, in text and JSON, and audits the change as settings set does', async () => {
    const set = await runCliInProcess(context.db, ['settings', 'set', '--currency', 'EUR', '--time-zone', 'Europe/Riga', '--country', 'LV']);
    expect(set.exitCode).toBe(0);
    const loaded = await runCliInProcess(context.db, ['demo', 'load', 'synthetic', '--customers', '40']);
    expect(loaded.error).toBeNull();
    expect(loaded.stdout).toContain('Store settings replaced by the demo\'s (its data is in them): currency EUR → IDR, time zone Europe/Riga → Asia/Jakarta, phone country LV → ID. Recorded in the audit log.');
    const audit = JSON.parse((await runCliInProcess(context.db, ['--json', 'audit', '--action', 'settings.update'])).stdout);
    expect(audit.items[0]).toMatchObject({
      entity: 'store', entityId: 'currency,timeZone,defaultCountry',
      detail: { currency: { from: 'EUR', to: 'IDR' }, timeZone: { from: 'Europe/Riga', to: 'Asia/Jakarta' }, defaultCountry: { from: 'LV', to: 'ID' }, reason: 'demo load' },
    });
  }, 240_000);
});

describeEachCliStore('clientele demo load --json over a named store', (context) => {
  it('lists the replaced settings beside the load, and only those', async () => {
    expect((await runCliInProcess(context.db, ['settings', 'set', '--name', 'Kopi Kita', '--currency', 'EUR'])).exitCode).toBe(0);
    const loaded = await runCliInProcess(context.db, ['--json', 'demo', 'load', 'synthetic', '--customers', '40']);
    expect(loaded.error).toBeNull();
    const { replacedSettings } = JSON.parse(loaded.stdout);
    expect(Object.keys(replacedSettings)).toEqual(['name', 'currency']);
    expect(replacedSettings).toMatchObject({ name: { from: 'Kopi Kita' }, currency: { from: 'EUR', to: 'IDR' } });
  }, 240_000);
});

describeEachCliStore('clientele demo load over exchange rates into another currency', (context) => {
  it('removes the rates, which were into the old currency, says so and audits it', async () => {
    expect((await runCliInProcess(context.db, ['settings', 'set', '--currency', 'EUR'])).exitCode).toBe(0);
    expect((await runCliInProcess(context.db, ['rates', 'set', 'USD', '0.92'])).exitCode).toBe(0);
    const loaded = await runCliInProcess(context.db, ['demo', 'load', 'synthetic', '--customers', '40']);
    expect(loaded.error).toBeNull();
    expect(loaded.stdout).toContain('Exchange rates removed (they were into EUR): USD. Set them again into IDR with');
    const rates = JSON.parse((await runCliInProcess(context.db, ['--json', 'rates', 'list'])).stdout);
    expect(rates).toEqual({});
    const audit = JSON.parse((await runCliInProcess(context.db, ['--json', 'audit', '--action', 'settings.update'])).stdout);
    expect(audit.items[0].detail).toMatchObject({ currency: { from: 'EUR', to: 'IDR' }, ratesCleared: ['USD'], reason: 'demo load' });
  }, 240_000);
});
