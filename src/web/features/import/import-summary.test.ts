import { describe, expect, it } from 'vitest';
import type { IngestSummary, Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { importSummaryLines } from './import-summary.js';
import { addBatchSummary, emptyTotals } from './run-import.js';

const summary = (fields: Partial<IngestSummary>): IngestSummary => ({
  importId: 1, entity: 'orders', read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, rejects: [], ...fields,
});

describe('the import summary', () => {
  it('adds the orders of each batch beside its rows', () => {
    const first = addBatchSummary(emptyTotals, summary({ read: 3, inserted: 3, orders: { inserted: 2, updated: 0, unchanged: 0, rejected: 0 } }));
    const second = addBatchSummary(first, summary({ read: 2, unchanged: 1, rejected: 1, orders: { inserted: 0, updated: 0, unchanged: 1, rejected: 1 } }));
    expect(second).toMatchObject({ read: 5, inserted: 3, unchanged: 1, rejected: 1, orders: { inserted: 2, updated: 0, unchanged: 1, rejected: 1 } });
    // an answer replayed from before the server counted orders adds rows only
    expect(addBatchSummary(second, summary({ read: 1, inserted: 1 })).orders).toEqual(second.orders);
    // data without orders has none
    expect(addBatchSummary(emptyTotals, summary({ entity: 'customers', read: 1, inserted: 1, orders: null })).orders).toBeNull();
  });

  it.each<[Locale, string]>([
    ['en', 'Not imported: product_name, sku. An order line\'s fields are read only with its unit price'],
    ['id', 'Tidak diimpor: product_name, sku. Bidang baris pesanan hanya dibaca bersama harga satuannya'],
    ['lv', 'Nav importēts: product_name, sku. Pasūtījuma rindas lauki tiek nolasīti tikai kopā ar vienības cenu'],
  ])('says in %s which mapped fields the server did not read, once however many batches said so', (locale, expected) => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
    const format = createFormatters(intlTagByLocale[locale], null, 'UTC');
    const first = addBatchSummary(emptyTotals, summary({ read: 1, inserted: 1, ignoredFields: ['product_name'] }));
    const totals = addBatchSummary(addBatchSummary(first, summary({ read: 1, inserted: 1, ignoredFields: ['product_name', 'sku'] })), summary({ read: 1, inserted: 1 }));
    expect(totals.ignoredFields).toEqual(['product_name', 'sku']);
    expect(importSummaryLines(totals, 3, t, format, locale)[1]).toContain(expected);
    expect(importSummaryLines(emptyTotals, 3, t, format, locale)).toHaveLength(1);
  });

  it.each<[Locale, string[]]>([
    ['en', ['1,001 of 1,001 rows read: 1,001 new, 0 updated, 0 unchanged, 0 rejected.', 'Orders, each counted once however many rows it has: 1,000 new, 0 updated, 0 unchanged, 0 rejected.']],
    ['id', ['1.001 dari 1.001 baris dibaca: 1.001 baru, 0 diperbarui, 0 tidak berubah, 0 ditolak.', 'Pesanan, masing-masing dihitung sekali berapa pun jumlah barisnya: 1.000 baru, 0 diperbarui, 0 tidak berubah, 0 ditolak.']],
    ['lv', ['No 1001 rindas nolasīta 1001: jauna 1001, atjauninātas 0, nemainītas 0, noraidītas 0.', 'Pasūtījumi, katrs skaitīts vienreiz neatkarīgi no tā rindu skaita: jauni 1000, atjaunināti 0, nemainīti 0, noraidīti 0.']],
  ])('says the rows and the orders beside them in %s', (locale, expected) => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
    const format = createFormatters(intlTagByLocale[locale], null, 'UTC');
    const totals = { ...emptyTotals, read: 1001, inserted: 1001, orders: { inserted: 1000, updated: 0, unchanged: 0, rejected: 0 } };
    expect(importSummaryLines(totals, 1001, t, format, locale)).toEqual(expected);
    // no orders line for data without orders
    expect(importSummaryLines({ ...totals, orders: null }, 1001, t, format, locale)).toEqual([expected[0]]);
  });

  it('says plainly "Orders" when every order had one row, and that orders count once when the counts differ', () => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);
    const format = createFormatters(intlTagByLocale.en, null, 'UTC');
    const oneRowEach = { ...emptyTotals, read: 2, inserted: 1, rejected: 1, orders: { inserted: 1, updated: 0, unchanged: 0, rejected: 1 } };
    expect(importSummaryLines(oneRowEach, 2, t, format, 'en')[1]).toBe('Orders: 1 new, 0 updated, 0 unchanged, 1 rejected.');
    // the reviewer's file: R-1001 twice, both rows refused, is one order refused
    const repeated = { ...emptyTotals, read: 11, inserted: 2, rejected: 9, orders: { inserted: 2, updated: 0, unchanged: 0, rejected: 8 } };
    expect(importSummaryLines(repeated, 11, t, format, 'en')).toEqual([
      '11 of 11 rows read: 2 new, 0 updated, 0 unchanged, 9 rejected.',
      'Orders, each counted once however many rows it has: 2 new, 0 updated, 0 unchanged, 8 rejected.',
    ]);
  });

  it.each<[Locale, number, string]>([
    ['en', 1, '1 of 1 row read: 1 new, 0 updated, 0 unchanged, 0 rejected.'],
    ['en', 2, '1 of 2 rows read: 1 new, 0 updated, 0 unchanged, 0 rejected.'],
    ['lv', 21, 'No 21 rindas nolasīta 1: jauna 1, atjauninātas 0, nemainītas 0, noraidītas 0.'],
    ['lv', 11, 'No 11 rindām nolasīta 1: jauna 1, atjauninātas 0, nemainītas 0, noraidītas 0.'],
    ['id', 1, '1 dari 1 baris dibaca: 1 baru, 0 diperbarui, 0 tidak berubah, 0 ditolak.'],
  ])('says "rows" in the form the total takes in %s (%i rows)', (locale, total, expected) => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
    const format = createFormatters(intlTagByLocale[locale], null, 'UTC');
    expect(importSummaryLines({ ...emptyTotals, read: 1, inserted: 1 }, total, t, format, locale)).toEqual([expected]);
  });

  // the reviewer's "No 1 rindas nolasītas 1: jaunas 1": each Latvian count's word agrees with that count, not with the total
  it.each<[Locale, Partial<typeof emptyTotals>, number, string]>([
    ['lv', { read: 1, inserted: 1 }, 1, 'No 1 rindas nolasīta 1: jauna 1, atjauninātas 0, nemainītas 0, noraidītas 0.'],
    ['lv', { read: 21, updated: 1, unchanged: 11, rejected: 9 }, 21, 'No 21 rindas nolasīta 21: jaunas 0, atjaunināta 1, nemainītas 11, noraidītas 9.'],
    ['lv', { read: 2, inserted: 1, rejected: 1 }, 2, 'No 2 rindām nolasītas 2: jauna 1, atjauninātas 0, nemainītas 0, noraidīta 1.'],
    ['en', { read: 1, inserted: 1 }, 1, '1 of 1 row read: 1 new, 0 updated, 0 unchanged, 0 rejected.'],
    ['id', { read: 2, inserted: 1, rejected: 1 }, 2, '2 dari 2 baris dibaca: 1 baru, 0 diperbarui, 0 tidak berubah, 1 ditolak.'],
  ])('says in %s each count in the form it takes itself (%o of %i)', (locale, counts, total, expected) => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
    const format = createFormatters(intlTagByLocale[locale], null, 'UTC');
    expect(importSummaryLines({ ...emptyTotals, ...counts }, total, t, format, locale)).toEqual([expected]);
  });

  // an orders file's second line: the orders' words agree with each count too, masculine as "pasūtījumi"
  it.each<[Locale, string]>([
    ['lv', 'Pasūtījumi, katrs skaitīts vienreiz neatkarīgi no tā rindu skaita: jauns 1, atjaunināti 0, nemainīts 21, noraidīts 1.'],
    ['en', 'Orders, each counted once however many rows it has: 1 new, 0 updated, 21 unchanged, 1 rejected.'],
    ['id', 'Pesanan, masing-masing dihitung sekali berapa pun jumlah barisnya: 1 baru, 0 diperbarui, 21 tidak berubah, 1 ditolak.'],
  ])('says in %s each order count in the form it takes itself', (locale, expected) => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
    const format = createFormatters(intlTagByLocale[locale], null, 'UTC');
    const totals = { ...emptyTotals, read: 30, inserted: 3, unchanged: 25, rejected: 2, orders: { inserted: 1, updated: 0, unchanged: 21, rejected: 1 } };
    expect(importSummaryLines(totals, 30, t, format, locale)[1]).toBe(expected);
  });

  it.each<[Locale, string]>([
    ['en', 'New customers: 1,002. No stored customer had their email, phone or customer ID (a customer ID matches only customers imported from the same source, chosen under Source).'],
    ['id', 'Pelanggan baru: 1.002. Tidak ada pelanggan tersimpan dengan email, telepon, atau ID pelanggan mereka (ID pelanggan hanya cocok dengan pelanggan yang diimpor dari sumber yang sama, yang dipilih di Sumber).'],
    ['lv', 'Jauni klienti: 1002. Nevienam saglabātajam klientam nebija viņu e-pasta, tālruņa vai klienta ID (klienta ID sakrīt tikai ar klientiem, kas importēti no tā paša avota, kuru izvēlas laukā “Avots”).'],
  ])('says in %s how many customers the batches created, and nothing when they created none', (locale, expected) => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
    const format = createFormatters(intlTagByLocale[locale], null, 'UTC');
    const first = addBatchSummary(emptyTotals, summary({ read: 1000, inserted: 1000, createdCustomers: 1000, orders: { inserted: 1000, updated: 0, unchanged: 0, rejected: 0 } }));
    // an answer replayed from before the server counted them adds none
    const totals = addBatchSummary(addBatchSummary(first, summary({ read: 2, inserted: 2, createdCustomers: 2 })), summary({ read: 1, unchanged: 1 }));
    expect(totals.createdCustomers).toBe(1002);
    expect(importSummaryLines(totals, 1003, t, format, locale)).toEqual([expect.any(String), expect.any(String), expected]);
    expect(importSummaryLines({ ...totals, createdCustomers: 0 }, 1003, t, format, locale)).toHaveLength(2);
  });
});
