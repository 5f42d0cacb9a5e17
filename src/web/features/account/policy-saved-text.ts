import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';

/** What PATCH /api/analytics/policy answers (src/analytics/types.service.ts, PolicyChangeResult), less the policy. */
export type PolicySaved = { reclassified: number; typesChanged: number; typeChanges: Array<{ type: string; entered: number; left: number }>; asOf: string };

/**
 * What a save changed, then what it did: "3 customers changed type: VIP +1; New +2.", "Saved: 20 customers
 * classified again as of 30 June 2026." A save that moved no one says so, rather than only the count reclassified.
 */
export function policySavedText(saved: PolicySaved, i18n: { t: I18n['t']; format: Pick<Formatters, 'number' | 'date'>; locale: Locale }): string {
  const { t, format, locale } = i18n;
  const moves = saved.typeChanges.map(({ type, entered, left }) => {
    const label = t(`customerTypes.${type}`);
    const counts = [entered > 0 ? `+${format.number(entered)}` : '', left > 0 ? `−${format.number(left)}` : ''].filter(Boolean).join(' ');
    return `${label === `customerTypes.${type}` ? type : label} ${counts}`;
  });
  const changed = saved.typesChanged === 0 ? t('settings.policy.noTypesChanged')
    : t(pluralKey(locale, 'settings.policy.typesChanged', saved.typesChanged), { count: format.number(saved.typesChanged), moves: moves.join('; ') });
  const done = t(pluralKey(locale, 'settings.policy.saved', saved.reclassified), { count: format.number(saved.reclassified), date: format.date(saved.asOf) });
  return `${changed} ${done}`;
}
