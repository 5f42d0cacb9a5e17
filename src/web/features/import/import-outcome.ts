import type { Locale, Reject } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { describeReject, type RejectText } from './reject-text.js';
import type { ImportTotals } from './run-import.js';

const firstReasonsShown = 3;

/** Rows were read and every one refused: the import ran to its end and changed nothing. */
export function isNothingImported(totals: ImportTotals): boolean {
  return totals.read > 0 && totals.rejected === totals.read && totals.inserted + totals.updated + totals.unchanged === 0;
}

/** The first distinct reasons, in the user's language: five rows refused for one date format say it once. */
export function firstReasons(rejects: readonly Reject[], t: I18n['t'], locale: Locale): RejectText[] {
  const reasons = new Map<string, RejectText>();
  for (const reject of rejects) {
    const reason = describeReject(reject, t, locale);
    const sameKind = `${reject.code ?? ''}|${reject.field ?? ''}|${reject.code ? '' : reason.text}`;
    if (!reasons.has(sameKind)) reasons.set(sameKind, reason);
    if (reasons.size === firstReasonsShown) break;
  }
  return [...reasons.values()];
}
