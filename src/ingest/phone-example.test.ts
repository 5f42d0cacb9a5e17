import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { updateStoreSettings } from '../settings/index.js';
import { importFile } from './import-file.service.js';

// The review's Latvian store was told to write its customers' numbers like +62 812 3456 7890.
const files = scratchFiles('phone-example');

describeEachStore('the example a refused phone number is given', (context) => {
  it("gives a number of the store's country, or of the row's country when it has one", async () => {
    await updateStoreSettings(context.store.db, { default_country: 'LV' });
    const file = files.file('customers.csv', 'customer_id,phone,country\nC1,0000000000,\nC2,0000000000,DE\n');
    const summary = await importFile(context.store.db, { ...importDefaults, entity: 'customers', file });
    expect(summary.rejectsSample.map((reject) => [reject.line, reject.code, reject.params.country, reject.params.example])).toEqual([
      [2, 'PHONE_INVALID', 'LV', '+371 2612 3456'], [3, 'PHONE_INVALID', 'DE', '+49 1512 3456789'],
    ]);
    expect(summary.rejectsSample[0].reason).toContain('phone number for LV');
    expect(summary.rejectsSample[0].reason).toContain('e.g. +371 2612 3456, or leave it empty');
    expect(summary.rejectsSample.every((reject) => !reject.reason.includes('+62'))).toBe(true);
  });
});
