import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPreset } from '../../../ingest/presets/index.js';
import type { Preset } from '../../../ingest/presets/preset.js';
import type { Locale } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { blocksUntilFormatChosen, needsFormatChoice } from './format-choice.js';
import { adviseOnFileHeader } from './header-advice.js';
import { suggestMapping } from './import-mapping.js';
import { presetMapping } from './import-rows.js';
import { readCsvText } from './parse-csv.js';

const shopee = readFileSync(new URL('../../../../test/fixtures/ingest/shopee-orders.csv', import.meta.url), 'utf8');
const ownColumns = 'order_id,customer_id,ordered_at,amount\nA1,C1,2026-11-02,10\n';

/** The advice on a file as the page reads it, mapped as the page maps it with the format chosen (or none). */
function adviceOn(text: string, preset: Preset | null) {
  const csv = readCsvText(text, 'file.csv');
  const mapping = preset ? presetMapping(preset, csv.headers) : suggestMapping('orders', csv.headers, csv.rows).mapping;
  return adviseOnFileHeader('orders', csv, preset, mapping);
}

describe('a known export read without its format', () => {
  it('waits for the format: a Shopee export read by its column names is not imported until it is chosen', () => {
    const advice = adviceOn(shopee, null);
    expect(needsFormatChoice(advice, null)).toBe(true);
    expect(blocksUntilFormatChosen(advice, null, false)).toBe(true);
  });

  it('is imported by its column names once the user ticks that they are meant', () => {
    expect(blocksUntilFormatChosen(adviceOn(shopee, null), null, true)).toBe(false);
  });

  it('is imported with its format chosen', () => {
    const preset = findPreset('shopee-orders');
    expect(needsFormatChoice(adviceOn(shopee, preset), preset)).toBe(false);
    expect(blocksUntilFormatChosen(adviceOn(shopee, preset), preset, false)).toBe(false);
  });

  it('does not hold back a file of the store\'s own columns, of which no format is proposed', () => {
    expect(adviceOn(ownColumns, null)).toBeNull();
    expect(blocksUntilFormatChosen(adviceOn(ownColumns, null), null, false)).toBe(false);
  });

  it('does not ask for a format when only the header\'s line is advised', () => {
    expect(blocksUntilFormatChosen({ headerLine: 3, preset: null }, null, false)).toBe(false);
  });
});

const tIn = (locale: Locale) => (key: string) => lookupMessage(messagesByLocale[locale], key);

describe('why the format is asked for, as the page says it', () => {
  it('says in English what is lost read by column names, and what importing it again would do', () => {
    const t = tIn('en');
    expect(t('import.headerAdvice.presetNeeded')).toBe('Choose this format to import the file. Read by its column names, its returns and statuses are read wrongly and its product lines are lost, '
      + 'and importing it later with the format would store every order again.');
    expect(t('import.headerAdvice.readByColumnNames')).toBe('Import it by its column names anyway');
  });

  it.each(locales)('%s: has both texts, with no placeholder left', (locale) => {
    const t = tIn(locale);
    for (const key of ['import.headerAdvice.presetNeeded', 'import.headerAdvice.readByColumnNames']) {
      expect(t(key)).not.toBe(key);
      expect(t(key)).not.toMatch(/[{}]/);
    }
  });
});
