import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { findPreset } from '../presets/index.js';
import { createRowParser } from './row-parser.js';
import { testContext } from './test-context.js';

// A Tokopedia report imported with the Shopee preset: "Columns found: …, =status, =currency, =channel"
// named the preset's own added columns as if the file held them.
describe('a file that lacks what its preset reads', () => {
  it('lists only the file\'s own columns as found', () => {
    const parser = createRowParser('orders', { file: 'tokopedia.csv', context: testContext, preset: findPreset('shopee-orders') });
    let refused: unknown;
    try {
      parser.checkHeaders(['Nomor', 'Nomor Invoice', 'Tanggal Pembayaran', 'Status Terakhir', 'No Telp Pembeli']);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    const error = refused as AppError;
    expect(error.code).toBe('IMPORT_COLUMN_MISSING');
    expect(error.message).toContain('Columns found: Nomor, Nomor Invoice, Tanggal Pembayaran, Status Terakhir, No Telp Pembeli.');
    expect(error.message).not.toMatch(/[,:] =/);
    expect(error.details.found).toEqual(['Nomor', 'Nomor Invoice', 'Tanggal Pembayaran', 'Status Terakhir', 'No Telp Pembeli']);
  });
});
