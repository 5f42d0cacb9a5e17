import type { IngestEntity, Locale, Reject } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { describeField } from './field-labels.js';

/** A reject's reason as shown: `lang` is the language the text is in, for the element's lang attribute. */
export type RejectText = {
  text: string;
  lang: Locale;
  /** The server's English reason when `text` is a translation of it, kept for support. */
  original: string | null;
};

/**
 * The server explains a reject in English, naming the value and the fix, and gives its code and the
 * values named (params). The app says the same in the user's language from the code and params
 * (in English too); the lines named are the file's, as each batch tells the server its records'
 * lines. A code the app does not know yet, or a message whose values did not all arrive, shows the
 * server's English reason: a sentence with a hole in it helps nobody.
 */
export function describeReject(reject: Pick<Reject, 'code' | 'params' | 'reason'>, t: I18n['t'], locale: Locale): RejectText {
  const key = `rejectReasons.${reject.code}`;
  const translated = reject.code ? t(key, reject.params ?? {}) : key;
  if (translated === key || /\{\w+\}/.test(translated)) return { text: reject.reason, lang: 'en', original: null };
  // a date read with day and month swapped that would be accepted: the server's "(day and month swapped?)"
  const swapped = reject.params?.swappedReading;
  // an order's lines looked for under one source when its order is stored under another
  const storedUnder = reject.params?.storedUnder;
  const hints = [
    swapped === undefined ? null : t('import.rejectSwappedReading', { swappedReading: swapped }),
    storedUnder === undefined ? null : t('import.rejectOrderStoredUnder', { storedUnder }),
  ].filter((hint) => hint !== null);
  const text = [translated, ...hints].join(' ');
  return { text, lang: locale, original: locale === 'en' ? null : reject.reason };
}

/** One more problem of a rejected row (`also`): its field's label, in the user's language, and its reason as describeReject says it. */
export type OtherProblemText = { label: string; reason: RejectText };

/** The row's other problems, beside the one that rejected it, so that one pass over the rejects fixes the row. */
export function describeOtherProblems(reject: Pick<Reject, 'also'>, entity: IngestEntity, t: I18n['t'], locale: Locale): OtherProblemText[] {
  return (reject.also ?? []).map((problem) => ({
    label: t('import.rejectAlso', { field: problem.field ? describeField(t, entity, problem.field).label : '' }),
    reason: describeReject(problem, t, locale),
  }));
}

/** A reject's reason and its other problems as one text, for the download: "…; Also, Amount: …". */
export function rejectTextWithOtherProblems(reject: Reject, entity: IngestEntity, t: I18n['t'], locale: Locale): string {
  const others = describeOtherProblems(reject, entity, t, locale).map(({ label, reason }) => `; ${label} ${reason.text}`);
  return describeReject(reject, t, locale).text + others.join('');
}
