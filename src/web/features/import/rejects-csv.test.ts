import { describe, expect, it } from 'vitest';
import type { Locale, Reject } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';
import { rejectsCsvFile, rowTextsOf, withRowText } from './rejects-csv.js';
import { describeField } from './field-labels.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

const futureDate: Reject = {
  file: 'orders.csv', line: 4, field: 'ordered_at', code: 'DATE_IN_FUTURE', params: { field: 'ordered_at', value: '2031-01-02' },
  reason: 'ordered_at "2031-01-02" is in the future',
};

/** The order time's label, as the rejects table shows it. */
const orderedAt = (locale: Locale) => describeField(tIn(locale), 'orders', 'ordered_at').label;

describe('the rejects download', () => {
  it('lv: starts with the UTF-8 byte order mark and splits fields by ";", the header, field and reason in Latvian', () => {
    // the reason holds a ";", so it is quoted
    expect(rejectsCsvFile([futureDate], 'orders', tIn('lv'), 'lv')).toBe(
      `\ufeffrinda;lauks;kods;iemesls;rindas-teksts\r\n4;${orderedAt('lv')};DATE_IN_FUTURE;"Lauka ordered_at vērtība “2031-01-02” ir nākotnē; pārbaudiet gadu, datuma formātu un faila laika joslu.";\r\n`,
    );
  });

  it.each([['id', ';', 'baris;kolom;kode;alasan;baris-asli'], ['en', ',', 'line,field,code,reason,raw']] as const)(
    '%s: splits fields by "%s" after the byte order mark, under a header in the reader\'s language (English\'s is the CLI\'s)', (locale, separator, header) => {
      const [first, row] = rejectsCsvFile([futureDate], 'orders', tIn(locale), locale).split('\r\n');
      expect(first).toBe(`\ufeff${header}`);
      // the field by the label the rejects table shows, not its code
      expect(orderedAt(locale)).not.toBe('ordered_at');
      expect(row.startsWith(`4${separator}${orderedAt(locale)}${separator}DATE_IN_FUTURE${separator}`)).toBe(true);
    });

  it('gives each rejected row as written in the file, last as in the CLI\'s rejects file, whoever rejected it', () => {
    const csv = readCsvText('order_id,customer_id,ordered_at,amount\r\nK1,C1,2026-02-05,1,234.50\r\n\r\nK2,C2,"2031-01-02",10\r\n', 'orders.csv');
    // the browser rejected line 2 on reading; the server rejected line 4, naming its line only
    const rejects = withRowText([...csv.rejects, futureDate], rowTextsOf(csv));
    expect(rejectsCsvFile(rejects, 'orders', tIn('en'), 'en').split('\r\n').slice(1, 3)).toEqual([
      '2,,ROW_COLUMN_COUNT,"Line 2 has 5 values but the header has 4 columns; put values that contain the delimiter “,” in quotes.","K1,C1,2026-02-05,1,234.50"',
      `4,${orderedAt('en')},DATE_IN_FUTURE,"ordered_at “2031-01-02” is in the future; check the year, the date format and the file's time zone.","K2,C2,""2031-01-02"",10"`,
    ]);
  });

  it('gives the rows of an order rejected with its refused row under their own lines, each naming that row, as the CLI\'s rejects file does', () => {
    const csv = readCsvText('order_id,customer_id,ordered_at,sku,unit_price\nA1,C1,2026-02-05,S1,10\nA1,C1,2026-02-05,S2,1,5\nB1,C2,2026-02-05,S3,3\n', 'orders.csv');
    const mapping = { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', sku: 'sku', unit_price: 'unit_price' };
    const { rejects } = toLineRecords(csv, mapping, { entity: 'orders' });
    expect(rejectsCsvFile(withRowText(rejects, rowTextsOf(csv)), 'orders', tIn('en'), 'en').split('\r\n').slice(1, 3)).toEqual([
`2,${describeField(tIn('en'), 'orders', 'order_id').label},ORDER_ROW_REJECTED,"Line 3, another row of order A1, was rejected, so none of the order's rows is stored; correct line 3 and import all of the order's rows again.","A1,C1,2026-02-05,S1,10"`,
      '3,,ROW_COLUMN_COUNT,"Line 3 has 6 values but the header has 5 columns; put values that contain the delimiter “,” in quotes.","A1,C1,2026-02-05,S2,1,5"',
    ]);
  });
});
