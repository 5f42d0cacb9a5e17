import { describe, expect, it } from 'vitest';
import type { Locale, Reject } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { rejectsCsvFile } from './rejects-csv.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

const futureDate: Reject = {
  file: 'orders.csv', line: 4, field: 'ordered_at', code: 'DATE_IN_FUTURE', params: { field: 'ordered_at', value: '2031-01-02' },
  reason: 'ordered_at "2031-01-02" is in the future',
};

describe('the rejects download', () => {
  it('lv: starts with the UTF-8 byte order mark and splits fields by ";", the reason in Latvian', () => {
    // the reason holds a ";", so it is quoted
    expect(rejectsCsvFile([futureDate], 'orders', tIn('lv'), 'lv')).toBe(
      '\ufeffline;field;code;reason\r\n4;ordered_at;DATE_IN_FUTURE;"Lauka ordered_at vērtība “2031-01-02” ir nākotnē; pārbaudiet gadu, datuma formātu un faila laika joslu."\r\n',
    );
  });

  it.each([['id', ';'], ['en', ',']] as const)('%s: splits fields by "%s" after the byte order mark', (locale, separator) => {
    const [header, row] = rejectsCsvFile([futureDate], 'orders', tIn(locale), locale).split('\r\n');
    expect(header).toBe(`\ufeffline${separator}field${separator}code${separator}reason`);
    expect(row.startsWith(`4${separator}ordered_at${separator}DATE_IN_FUTURE${separator}`)).toBe(true);
  });
});
