import type { CustomerTypes } from '../../api/analytics-types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { analysisDay } from './timeline-entry-text.js';

type Spell = CustomerTypes['timeline'][number];

/**
 * When a type was held, as the type history lists it, each end the store day of its analysis, or
 * of the rule that dates it (a new spell's end, an at-risk spell's overdue day). An end no rule
 * dates (a VIP cut-off passed, lapsed) was seen by that analysis and happened after the check
 * before it: both days are given (`enteredCheckedLastAt`, `leftCheckedLastAt`).
 * A spell that begins the customer's type history (sinceHistoryStart) was held already then,
 * not taken: its start says the history began, so it does not read as a change on that day.
 */
export function typeSpellDates(spell: Spell, { t, format }: Pick<I18n, 't' | 'format'>): string {
  // a change no rule dates happened between the check before and the run that saw it: say so, not a day it never had
  const day = (at: string, checkedLastAt: string | null | undefined) => (checkedLastAt
    ? t('customer.types.seen', { seen: analysisDay(at, format), checked: analysisDay(checkedLastAt, format) })
    : analysisDay(at, format));
  const from = day(spell.enteredAt, spell.enteredCheckedLastAt);
  const to = spell.leftAt ? day(spell.leftAt, spell.leftCheckedLastAt) : null;
  if (spell.sinceHistoryStart) return to ? t('customer.types.betweenFromHistoryStart', { from, to }) : t('customer.types.sinceHistoryStart', { from });
  return to ? t('customer.types.between', { from, to }) : t('customer.types.since', { from });
}
