import type { CustomerTypes } from '../../api/analytics-types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { analysisDay } from './timeline-entry-text.js';

type Spell = CustomerTypes['timeline'][number];

/**
 * When a type was held, as the type history lists it, each end the store day of its analysis.
 * A spell that begins the customer's type history (sinceHistoryStart) was held already then,
 * not taken: its start says the history began, so it does not read as a change on that day.
 */
export function typeSpellDates(spell: Spell, { t, format }: Pick<I18n, 't' | 'format'>): string {
  const from = analysisDay(spell.enteredAt, format);
  const to = spell.leftAt ? analysisDay(spell.leftAt, format) : null;
  if (spell.sinceHistoryStart) return to ? t('customer.types.betweenFromHistoryStart', { from, to }) : t('customer.types.sinceHistoryStart', { from });
  return to ? t('customer.types.between', { from, to }) : t('customer.types.since', { from });
}
