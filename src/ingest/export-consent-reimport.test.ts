import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { customerCsvColumns, type CustomerCsvRow } from '../customers/customer-csv.js';
import { customersForSpreadsheet } from '../web/features/customers/export-spreadsheet.js';
import { lookupMessage, messagesByLocale } from '../web/i18n/messages.js';
import { importFile } from './import-file.service.js';

// The web app's spreadsheet export of customers came back refused: its consent headers were not
// recognised, and mapped by hand its "Not asked" (Nav jautāts) rejected the row as BOOLEAN_INVALID.
const files = scratchFiles('export-consent');

const row = (customerId: number, email: string, consents: Pick<CustomerCsvRow, 'consent_email' | 'consent_sms' | 'consent_profiling' | 'consent_whatsapp'>): CustomerCsvRow => ({
  customer_id: customerId, name: `Customer ${customerId}`, email, phone: null, city: 'Rīga', country: 'LV', is_real: true, order_count: 1, revenue_minor: 1000,
  first_purchase_at: null, last_purchase_at: null, created_at: '2026-01-02T03:04:05.000Z', primary_type: null, types: [], rfm_segment: null, ...consents,
});

describeEachStore('the app\'s own customer export imported again', (context) => {
  const db = () => context.store.db;

  it.each(['en', 'id', 'lv'] as const)('reads its consent columns in %s: yes, no, and "not asked" as no answer', async (locale) => {
    const sheet = customersForSpreadsheet([
      row(1, `yes-${locale}@example.com`, { consent_email: true, consent_sms: false, consent_profiling: null, consent_whatsapp: true }),
      row(2, `no-${locale}@example.com`, { consent_email: null, consent_sms: true, consent_profiling: false, consent_whatsapp: false }),
    ], customerCsvColumns, { locale, t: (key, variables) => lookupMessage(messagesByLocale[locale], key, variables), timeZone: 'Europe/Riga', money: { currency: 'EUR', minorPerMajor: 100 } });
    const file = files.file(`customers-${locale}.csv`, sheet);
    const summary = await importFile(db(), { ...importDefaults, entity: 'customers', file, source: `export-${locale}` });
    expect(summary.rejectsSample).toEqual([]);
    expect(summary).toMatchObject({ read: 2, inserted: 2, rejected: 0 });
    const stored = await db().selectFrom('customer').select(['email', 'consent_email', 'consent_sms', 'consent_profiling', 'consent_whatsapp'])
      .where('email', 'in', [`yes-${locale}@example.com`, `no-${locale}@example.com`]).orderBy('email', 'desc').execute();
    expect(stored).toEqual([
      { email: `yes-${locale}@example.com`, consent_email: true, consent_sms: false, consent_profiling: null, consent_whatsapp: true },
      { email: `no-${locale}@example.com`, consent_email: null, consent_sms: true, consent_profiling: false, consent_whatsapp: false },
    ]);
  });

  it('still refuses a consent word it does not know, naming line and field', async () => {
    const file = files.file('unknown-word.csv', 'email,Consent: email marketing\nmaybe@example.com,Maybe\n');
    const summary = await importFile(db(), { ...importDefaults, entity: 'customers', file });
    expect(summary.rejectsSample).toEqual([expect.objectContaining({ line: 2, field: 'consent_email', code: 'BOOLEAN_INVALID' })]);
  });
});
