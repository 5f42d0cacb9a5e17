import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../../../ingest/presets/index.js';
import type { Preset } from '../../../ingest/presets/preset.js';
import type { RecognisedExport } from '../../../ingest/presets/recognise-export.js';
import type { IngestEntity, Locale } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { adviseOnFileHeader, headerAdviceTexts } from './header-advice.js';
import { suggestMapping } from './import-mapping.js';
import { presetMapping } from './import-rows.js';
import { readCsvText } from './parse-csv.js';

const tokopedia = readFileSync(new URL('../../../../test/fixtures/ingest/tokopedia-orders.csv', import.meta.url), 'utf8');
// Tokopedia's sales report as downloaded: its title, its period and a blank line above the header
const report = `Laporan Penjualan\nPeriode: 01-11-2025 - 30-11-2025\n\n${tokopedia}`;
const tokopediaExport: RecognisedExport = { preset: 'tokopedia-orders', entity: 'orders' };

/** The advice on a file read from `headerLine` with the preset chosen, mapped as the page maps it then. */
function adviceOn(text: string, options: { entity?: IngestEntity; preset?: Preset | null; headerLine?: number } = {}) {
  const { entity = 'orders', preset = null, headerLine = 1 } = options;
  const csv = readCsvText(text, 'file.csv', 'utf-8', headerLine);
  const mapping = preset ? presetMapping(preset, csv.headers) : suggestMapping(entity, csv.headers, csv.rows).mapping;
  return adviseOnFileHeader(entity, csv, preset, mapping);
}

describe('the advice on the header of a file read in the browser', () => {
  it('finds the header of a report below its title, and the format it is in when none is chosen', () => {
    expect(adviceOn(report)).toEqual({ headerLine: 4, preset: tokopediaExport });
    expect(adviceOn(report, { preset: findPreset('tokopedia-orders') })).toEqual({ headerLine: 4, preset: null });
  });

  it('says nothing more of a report read from its header with its format', () => {
    expect(adviceOn(report, { preset: findPreset('tokopedia-orders'), headerLine: 4 })).toBeNull();
  });

  it('names the format of a known export read without it, or with another\'s, and the data it holds', () => {
    expect(adviceOn(report, { headerLine: 4 })).toEqual({ headerLine: null, preset: tokopediaExport });
    expect(adviceOn(tokopedia)).toEqual({ headerLine: null, preset: tokopediaExport });
    expect(adviceOn(tokopedia, { preset: findPreset('shopee-orders') })).toEqual({ headerLine: null, preset: tokopediaExport });
    expect(adviceOn(tokopedia, { entity: 'customers' })).toEqual({ headerLine: null, preset: tokopediaExport });
  });

  it('finds a file\'s own columns below a title, read with the columns guessed there', () => {
    const text = 'Sales, November\n\norder_id,Customer,Date,Total\nA1,C1,2026-11-02,10\n';
    expect(adviceOn(text)).toEqual({ headerLine: 3, preset: null });
    expect(adviceOn(text, { headerLine: 3 })).toBeNull();
  });

  it('says nothing of a file whose header passes, nor of one no line of which would', () => {
    expect(adviceOn('order_id,customer_id,ordered_at,amount\nA1,C1,2026-11-02,10\n')).toBeNull();
    expect(adviceOn('Sales\norder_id,customer_id\nA1,C1\n')).toBeNull();
  });
});

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

describe('the advice as the page says it', () => {
  it('says in English which line the header seems to be on and which look like a title', () => {
    const t = tIn('en');
    expect(headerAdviceTexts({ headerLine: 4, preset: null }, 'orders', t)).toEqual({ headerLine: 'The header seems to be on line 4 (lines 1–3 look like a title).', preset: null });
    expect(headerAdviceTexts({ headerLine: 2, preset: null }, 'orders', t).headerLine).toBe('The header seems to be on line 2 (line 1 looks like a title).');
    expect(headerAdviceTexts({ headerLine: null, preset: tokopediaExport }, 'orders', t))
      .toEqual({ headerLine: null, preset: 'This file looks like the “Tokopedia sales report” format.' });
  });

  it.each(locales)('%s: names the lines, the format and another data chosen, every placeholder filled', (locale) => {
    const t = tIn(locale);
    const below = headerAdviceTexts({ headerLine: 4, preset: tokopediaExport }, 'orders', t);
    const oneTitleLine = headerAdviceTexts({ headerLine: 2, preset: null }, 'orders', t).headerLine!;
    const firstLine = headerAdviceTexts({ headerLine: 1, preset: null }, 'orders', t).headerLine!;
    const otherData = headerAdviceTexts({ headerLine: null, preset: tokopediaExport }, 'customers', t).preset!;
    const texts = [below.headerLine!, below.preset!, oneTitleLine, firstLine, otherData, t('import.headerAdvice.useLine', { line: 4 }), t('import.headerLineOption', { line: 4, columns: 'Nomor, Total' })];
    for (const text of texts) expect(text).not.toMatch(/[{}]|^import\./);
    expect(below.headerLine).toMatch(/4.*1–3/);
    expect(oneTitleLine).toMatch(/2.*1/);
    expect(oneTitleLine).not.toMatch(/1–/);
    expect(below.preset).toContain(t('import.presets.tokopedia-orders'));
    expect(otherData).toContain(t('entities.orders'));
    expect(t('import.headerAdvice.usePreset')).not.toBe('import.headerAdvice.usePreset');
  });
});
