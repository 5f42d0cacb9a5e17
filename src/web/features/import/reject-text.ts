import type { Locale, Reject } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';

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
  return { text: translated, lang: locale, original: locale === 'en' ? null : reject.reason };
}
