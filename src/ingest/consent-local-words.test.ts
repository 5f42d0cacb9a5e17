import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';

// Shops in Riga and Jakarta export consents in their own words; only English ones were read.
const files = scratchFiles('consent-words');

describeEachStore('consent columns written in Latvian or Indonesian', (context) => {
  const db = () => context.store.db;

  it('reads jā/ja/nē, ya/tidak and Y/N as yes and no, and refuses an unknown word naming line, field and the accepted words', async () => {
    const file = files.file('consents.csv', [
      'customer_id,consent_email,consent_sms,consent_profiling',
      'LV-1,jā,nē,JA',
      'LV-2,Ja,NĒ,ne',
      'ID-1,ya,tidak,Y',
      'ID-2,YA,Tidak,N',
      'X-1,jes,yes,no',
    ].join('\n'));
    const summary = await importFile(db(), { ...importDefaults, entity: 'customers', file });
    expect(summary).toMatchObject({ read: 5, inserted: 4, rejected: 1 });
    expect(summary.rejectsSample).toEqual([expect.objectContaining({ line: 6, field: 'consent_email', code: 'BOOLEAN_INVALID' })]);
    expect(summary.rejectsSample[0].reason).toBe('consent_email "jes" is not yes/no; use yes, no, true, false, 1, 0, jā, nē, ya or tidak');
    const rows = await db().selectFrom('customer_identity as i').innerJoin('customer as c', 'c.customer_id', 'i.customer_id')
      .select(['i.value', 'c.consent_email', 'c.consent_sms', 'c.consent_profiling']).where('i.kind', '=', 'external').orderBy('i.value').execute();
    expect(rows).toEqual([
      { value: 'ID-1', consent_email: true, consent_sms: false, consent_profiling: true },
      { value: 'ID-2', consent_email: true, consent_sms: false, consent_profiling: false },
      { value: 'LV-1', consent_email: true, consent_sms: false, consent_profiling: true },
      { value: 'LV-2', consent_email: true, consent_sms: false, consent_profiling: false },
    ]);
  });
});
