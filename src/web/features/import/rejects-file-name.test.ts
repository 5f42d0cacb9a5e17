import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { rejectsFileName } from './rejects-file-name.js';

const tOf = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

describe("an import's rejects download", () => {
  it('is named after what was imported and the file it came from, in the reader\'s language', () => {
    expect(rejectsFileName('orders', 'shop-export.csv', tOf('en'))).toBe('rejects-orders-shop-export.csv');
    expect(rejectsFileName('lines', 'Veikals Rīga.csv', tOf('lv'))).toBe('noraidītās-rindas-pasūtījumu-rindas-Veikals-Rīga.csv');
    expect(rejectsFileName('customers', 'pelanggan_2026.tsv', tOf('id'))).toBe('baris-ditolak-pelanggan-pelanggan_2026.csv');
  });

  it('tells two imports\' rejects apart by their files, and files of two kinds of data by the data', () => {
    const t = tOf('en');
    expect(rejectsFileName('orders', 'january.csv', t)).not.toBe(rejectsFileName('orders', 'february.csv', t));
    expect(rejectsFileName('orders', 'shop.csv', t)).not.toBe(rejectsFileName('products', 'shop.csv', t));
  });

  it('drops only the last extension, and leaves out a name with nothing before it', () => {
    expect(rejectsFileName('events', 'interest.2026-12.csv', tOf('en'))).toBe('rejects-interest-events-interest.2026-12.csv');
    expect(rejectsFileName('products', 'catalogue', tOf('en'))).toBe('rejects-products-catalogue.csv');
    expect(rejectsFileName('products', '.csv', tOf('en'))).toBe('rejects-products.csv');
    expect(rejectsFileName('products', null, tOf('en'))).toBe('rejects-products.csv');
  });

  it('names every kind of data an import takes in each language', () => {
    for (const locale of ['en', 'id', 'lv'] as const) {
      for (const entity of ['customers', 'orders', 'lines', 'products', 'events'] as const) {
        expect(rejectsFileName(entity, null, tOf(locale))).not.toContain('files.');
      }
    }
  });
});
