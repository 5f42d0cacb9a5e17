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
 * A reject's field and the file's column it was read from, when the server names one (`column`: the
 * file holds the field under another name, "Tanggal Pembayaran" for ordered_at).
 */
type InColumn = { field?: string | null; column?: string };

/** "Tanggal Pembayaran (ordered_at)", as the server's reason names the column; null when it names none. */
function columnWithField({ field, column }: InColumn): string | null {
  return column === undefined || column === '' || !field ? null : `${column} (${field})`;
}

/**
 * The message of a reject's code; a row known only by a masked phone in a file with no other column
 * that could tell buyers apart (`otherIdentity: 'none'`, a Tokopedia report) is told so, not to map one,
 * and one whose such column is empty on the row (`'empty'`, a Shopee username) to fill it in. A row
 * naming no customer in a file with one column for it is told that column (`field`) is empty, and an
 * invoice of a status that is paid once dated, with no payment date, that the buyer has not paid (the Tokopedia preset's `unpaid`).
 * An amount with decimals in a currency without cents (IDR) is told that the currency's amounts are whole numbers.
 */
function messageKeyOf(reject: Pick<Reject, 'code' | 'params'>): string {
  if (reject.code === 'PHONE_MASKED' && reject.params?.otherIdentity === 'none') return 'import.rejectPhoneMaskedNoOtherColumn';
  if (reject.code === 'PHONE_MASKED' && reject.params?.otherIdentity === 'empty') return 'import.rejectPhoneMaskedIdentityEmpty';
  if (reject.code === 'STATUS_NOT_PURCHASE' && reject.params?.unpaid === 'no_payment_date') return 'import.rejectStatusNoPaymentDate';
  if (reject.code === 'CUSTOMER_MISSING' && reject.params?.field !== undefined) return 'import.rejectCustomerFieldEmpty';
  // "needs 1 decimal places, but IDR has 0" said neither that IDR has no cents nor what to write
  if (reject.code === 'AMOUNT_TOO_PRECISE' && Number(reject.params?.currencyDecimals) === 0) return 'import.rejectAmountNotWhole';
  // a repeated order naming the column it differs in, as the CLI's reason does (ingest/write/order-rejects.ts)
  if (reject.code === 'ORDER_DUPLICATE_IN_FILE' && reject.params?.column !== undefined) return 'import.rejectOrderDuplicateDifferent';
  // an older answer gives no currency: both examples, with and without cents
  if (reject.code === 'AMOUNT_UNREADABLE' && currencyDecimalsOf(reject) === null) return 'import.rejectAmountUnreadableAnyCurrency';
  if (reject.code === 'AMOUNT_TOO_LARGE' && currencyDecimalsOf(reject) === null) return 'import.rejectAmountTooLargeAnyCurrency';
  return `rejectReasons.${reject.code}`;
}

/** The decimals of the row's currency an amount's reject gives (`currencyDecimals`), null when it gives none. */
function currencyDecimalsOf(reject: Pick<Reject, 'params'>): number | null {
  const decimals = reject.params?.currencyDecimals;
  if (decimals === undefined || decimals === null || decimals === '') return null;
  const count = Number(decimals);
  return Number.isInteger(count) && count >= 0 && count <= 4 ? count : null;
}

/**
 * The reject's params as its message takes them: an amount's with `examples`, amounts written as the
 * row's currency takes them, as the CLI's reason gives them (parse-amount.ts, amountExamples): "1234 or
 * 1.234" in IDR, "1234.50 or 1.234,50" in EUR, "1234.500 or 1.234,500" in KWD. "1234.50" for an IDR
 * row was advice the row would be refused for again. A repeated order's values are shown quoted, or as empty.
 */
function paramsOf(reject: Pick<Reject, 'code' | 'params'>, t: I18n['t']): Reject['params'] {
  const params = reject.params ?? {};
  if (messageKeyOf(reject) === 'import.rejectOrderDuplicateDifferent') return shownValues(params, t);
  const decimals = currencyDecimalsOf(reject);
  if ((reject.code !== 'AMOUNT_UNREADABLE' && reject.code !== 'AMOUNT_TOO_LARGE') || decimals === null) return params;
  const examples = decimals === 0
    ? t('import.rejectAmountExamplesWhole')
    : t('import.rejectAmountExamplesDecimals', { fraction: '5'.padEnd(decimals, '0') });
  return { ...params, examples };
}

/**
 * A repeated order's values as its message shows them: quoted, or "(empty)" in the user's language for
 * an empty one ('' in order-rejects.ts and repeated-order-rows.ts), as the CLI's reason says "none":
 * “” here read as a stray mark. A value not given stays missing, and the message falls back.
 */
function shownValues(params: Reject['params'], t: I18n['t']): Reject['params'] {
  const shown = { ...params };
  for (const name of ['value', 'firstValue']) {
    const value = params[name];
    if (value !== undefined) shown[name] = value === '' ? t('timeline.emptyValue') : `“${value}”`;
  }
  return shown;
}

/**
 * The server explains a reject in English, naming the value and the fix, and gives its code and the
 * values named (params). The app says the same in the user's language from the code and params
 * (in English too); the lines named are the file's, as each batch tells the server its records'
 * lines. A code the app does not know yet, or a message whose values did not all arrive, shows the
 * server's English reason: a sentence with a hole in it helps nobody. A field the file holds under
 * another name is named as the server names it, by its column with the field beside it: in place of
 * the field in the message, or before a message that names none.
 */
export function describeReject(reject: Pick<Reject, 'code' | 'params' | 'reason'> & InColumn, t: I18n['t'], locale: Locale): RejectText {
  const key = messageKeyOf(reject);
  const params = paramsOf(reject, t);
  const translated = reject.code ? t(key, params) : key;
  if (translated === key || /\{\w+\}/.test(translated)) return { text: reject.reason, lang: 'en', original: null };
  const named = namingColumn({ ...reject, params }, key, translated, t);
  // a date read with day and month swapped that would be accepted: the server's "(day and month swapped?)"
  const swapped = reject.params?.swappedReading;
  // an order's lines looked for under one source when its order is stored under another
  const storedUnder = reject.params?.storedUnder;
  const hints = [
    swapped === undefined ? null : t('import.rejectSwappedReading', { swappedReading: swapped }),
    storedUnder === undefined ? null : t('import.rejectOrderStoredUnder', { storedUnder }),
  ].filter((hint) => hint !== null);
  const text = [named, ...hints].join(' ');
  return { text, lang: locale, original: locale === 'en' ? null : reject.reason };
}

/** The message naming the file's column of the reject's field, when the server names one; `translated` otherwise. */
function namingColumn(reject: Pick<Reject, 'params'> & InColumn, key: string, translated: string, t: I18n['t']): string {
  const shown = columnWithField(reject);
  // a message that names the column already (FIELD_NOT_SCALAR's "field" is the record's key)
  if (shown === null || reject.params?.field === reject.column) return translated;
  const inPlace = reject.params?.field === reject.field ? t(key, { ...reject.params, field: shown }) : translated;
  return inPlace === translated ? `${shown}: ${translated}` : inPlace;
}

/** One more problem of a rejected row (`also`): its field's label, in the user's language, and its reason as describeReject says it. */
export type OtherProblemText = { label: string; reason: RejectText };

/**
 * The row's other problems, beside the one that rejected it, so that one pass over the rejects fixes
 * the row. The file's column of a problem's field is named once: in its message, where the message
 * names the field ("Also, Quantity: Jumlah Produk Dibeli (quantity) “dua” is not a number"), else in
 * its label ("Also, Order status (column “Status Terakhir”): Status “Belum Bayar” is not…"). Named in
 * both, it read "… (column “Status Terakhir”): Status Terakhir (status): Status …".
 */
export function describeOtherProblems(
  reject: { also?: ReadonlyArray<NonNullable<Reject['also']>[number] & InColumn> }, entity: IngestEntity, t: I18n['t'], locale: Locale,
): OtherProblemText[] {
  return (reject.also ?? []).map((problem) => {
    const field = problem.field ? describeField(t, entity, problem.field).label : '';
    const shown = columnWithField(problem);
    const named = describeReject(problem, t, locale);
    if (shown === null) return { label: t('import.rejectAlso', { field }), reason: named };
    const { column: _column, ...withoutColumn } = problem;
    const plain = describeReject(withoutColumn, t, locale);
    // the message names no field: namingColumn put the column before it, which the label says instead
    const isColumnBefore = named.text === `${shown}: ${plain.text}`;
    return isColumnBefore
      ? { label: t('import.rejectAlsoColumn', { field, column: problem.column! }), reason: plain }
      : { label: t('import.rejectAlso', { field }), reason: named };
  });
}

/** A reject's reason and its other problems as one text, for the download: "…; Also, Amount: …". */
export function rejectTextWithOtherProblems(reject: Reject, entity: IngestEntity, t: I18n['t'], locale: Locale): string {
  const others = describeOtherProblems(reject, entity, t, locale).map(({ label, reason }) => `; ${label} ${reason.text}`);
  return describeReject(reject, t, locale).text + others.join('');
}
