import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';
import { incomeBandText } from '../personas/income-band.js';

/**
 * A customer's income band on the profile: the stored band ("5-10M") in the
 * reader's words and numbers ("5 jt – 10 jt"), the way the persona pages say
 * it, so an Indonesian reader never sees "M", which in Indonesian is miliar.
 * A dash when the band is not known.
 */
export function incomeBandFact(band: string | null, t: I18n['t'], format: Pick<Formatters, 'compact'>): string {
  return band === null || band.trim() === '' ? '–' : incomeBandText(band, t, format);
}
