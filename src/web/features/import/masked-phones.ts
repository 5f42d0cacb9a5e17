import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import { addMaskedPhones as addCounts, noMaskedPhones, type MaskedPhones } from '../../../ingest/rows/masked-phone-counts.js';

export { noMaskedPhones, type MaskedPhones };

/**
 * The file's rows whose masked phone was ignored, with one more batch's, summed as the CLI sums its
 * batches. An answer replayed from before the server counted them (absent) adds none.
 */
export function addMaskedPhones(sum: MaskedPhones, batch: MaskedPhones | undefined): MaskedPhones {
  return batch ? addCounts(sum, batch) : sum;
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
