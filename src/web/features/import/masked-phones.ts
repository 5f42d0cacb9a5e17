import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
// the type alone: the server's module reads phones with node:crypto, which the browser has not
import type { MaskedPhones } from '../../../ingest/rows/masked-phones.js';

export type { MaskedPhones };

export const noMaskedPhones: MaskedPhones = { rows: 0, first: null };

/**
 * The file's rows whose masked phone was ignored, with one more batch's: summed as the CLI sums its
 * batches (masked-phones.ts, addMaskedPhones), the lowest line the example whatever order the batches
 * answered in. An answer replayed from before the server counted them (absent) adds none.
 */
export function addMaskedPhones(sum: MaskedPhones, batch: MaskedPhones | undefined): MaskedPhones {
  if (!batch || batch.rows === 0) return sum;
  const first = sum.first === null ? batch.first : batch.first === null || sum.first.line <= batch.first.line ? sum.first : batch.first;
  return { rows: sum.rows + batch.rows, first };
}

/**
 * What the result says of them, as the CLI's summary does (maskedPhonesNote), or null when there were none:
 * the seller learns that the file's phones identified no one, and why, rather than finding buyers without numbers.
 */
export function maskedPhonesLine({ rows, first }: MaskedPhones, t: I18n['t'], format: Pick<Formatters, 'number'>, locale: Locale): string | null {
  if (rows === 0 || first === null) return null;
  // the line as the file's editor and the rejects table number it: without a thousands separator
  return t(pluralKey(locale, 'import.maskedPhones', rows), { count: format.number(rows), line: String(first.line), value: first.value });
}
