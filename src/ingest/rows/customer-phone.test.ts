import { describe, expect, it } from 'vitest';
import { createRowParser } from './row-parser.js';
import { testContext } from './test-context.js';

// testContext is a Latvian store: its default country for phones is LV.

function parseCustomer(values: Record<string, string | null>) {
  const parser = createRowParser('customers', { file: 'customers.csv', context: testContext });
  parser.checkHeaders(Object.keys(values));
  return parser.parse({ line: 2, values });
}

describe('a customer row\'s phone', () => {
  it('is read as a number of the row\'s own country when it gives one', () => {
    expect(parseCustomer({ customer_id: 'c1', phone: '0812 3456 7890', country: 'Indonesia' }).row).toMatchObject({ phone: '+6281234567890', country: 'ID' });
    expect(parseCustomer({ customer_id: 'c1', phone: '(415) 555-2671', country: 'US' }).row).toMatchObject({ phone: '+14155552671' });
  });

  it('is read with the store\'s country when the row gives none, or one libphonenumber does not number', () => {
    expect(parseCustomer({ customer_id: 'c1', phone: '2912 3457', country: null }).row).toMatchObject({ phone: '+37129123457' });
    expect(parseCustomer({ customer_id: 'c1', phone: '2912 3457', country: 'AQ' }).row).toMatchObject({ phone: '+37129123457', country: 'AQ' });
  });

  it('keeps a number written with its country code whatever the row\'s country', () => {
    expect(parseCustomer({ customer_id: 'c1', phone: '+371 2912 3457', country: 'ID' }).row).toMatchObject({ phone: '+37129123457' });
  });

  it('rejects a placeholder number with field phone, saying what to do', () => {
    const { reject } = parseCustomer({ customer_id: 'c1', email: 'x1@example.com', phone: '0000000000', country: 'ID' });
    expect(reject).toMatchObject({ field: 'phone', reason: expect.stringMatching(/not a valid phone number.*real number.*or leave it empty/) });
  });

  it('keeps an extension, so colleagues on one switchboard stay apart', () => {
    expect(parseCustomer({ customer_id: 'c1', phone: '+62 21 555 0100 ext 12' }).row).toMatchObject({ phone: '+62215550100;ext=12', refs: expect.arrayContaining([{ kind: 'phone', value: '+62215550100;ext=12' }]) });
  });
});
