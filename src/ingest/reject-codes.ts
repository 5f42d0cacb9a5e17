/**
 * Why a row was rejected, as a stable code an API client can translate; the English `reason`
 * beside it names the same values and the fix. Similar reasons share a code when their
 * sentences differ only in the values named, which travel as the reject's `params`.
 */
export const rejectCodes = [
  // the row as read from the file
  'ROW_QUOTE_UNCLOSED', 'ROW_TOO_LONG', 'ROW_NOT_UTF8', 'ROW_NOT_JSON', 'ROW_NOT_OBJECT', 'ROW_COLUMN_COUNT', 'ROW_UNREADABLE',
  'FIELD_NOT_SCALAR', 'FIELD_NUL_CHARACTER', 'FIELD_REQUIRED',
  // values
  // BIRTH_YEAR_TOO_OLD is no longer given (BIRTH_YEAR_OUT_OF_RANGE says both bounds): kept, as codes are never withdrawn
  'CUSTOMER_MISSING', 'CUSTOMER_IDENTITY_MISSING', 'EMAIL_INVALID', 'PHONE_INVALID', 'COUNTRY_UNKNOWN', 'BIRTH_YEAR_TOO_OLD', 'BIRTH_YEAR_OUT_OF_RANGE',
  'WHOLE_NUMBER_INVALID', 'BOOLEAN_INVALID', 'VALUE_NOT_ALLOWED', 'STATUS_NOT_PURCHASE', 'PHONE_MASKED',
  'DATE_UNREADABLE', 'DATE_NOT_ON_CALENDAR', 'DATE_FORMAT_MISMATCH', 'DATE_FORMAT_ZONE_ABBREVIATION', 'DATE_ZONE_UNKNOWN', 'DATE_BEFORE_1970', 'DATE_IN_FUTURE',
  'CURRENCY_UNKNOWN', 'CURRENCY_RATE_MISSING', 'AMOUNT_UNREADABLE', 'AMOUNT_NEGATIVE', 'AMOUNT_TOO_LARGE', 'AMOUNT_CURRENCY_MISMATCH', 'AMOUNT_TOO_PRECISE', 'AMOUNT_AMBIGUOUS',
  'QUANTITY_UNREADABLE', 'QUANTITY_NEGATIVE', 'QUANTITY_HAS_UNIT', 'REFUND_EXCEEDS_TOTAL',
  // rows against other rows of the file, or against the store
  'ORDER_DUPLICATE_IN_FILE', 'ORDER_ROWS_DISAGREE', 'ORDER_ROW_REJECTED', 'ORDER_OTHER_CUSTOMER',
  'CUSTOMER_DUPLICATE_IN_FILE', 'CUSTOMER_IDENTITY_TAKEN', 'PRODUCT_DUPLICATE_IN_FILE', 'EVENT_DUPLICATE_IN_FILE', 'EVENT_CHANGED',
  'LINE_ORDER_UNKNOWN', 'LINE_DUPLICATE_IN_FILE',
] as const;

export type RejectCode = (typeof rejectCodes)[number];

/** The values a reject's sentence names (the value read, the line of a first duplicate…), by name. */
export type RejectParams = Record<string, string | number>;

/**
 * One more problem of a rejected row, beside the one that rejected it (a reject's `also`): a user
 * fixing the file then learns every problem of the row in one pass, not one per import.
 */
export type RejectProblem = { field: string | null; code: RejectCode; params: RejectParams; reason: string };

const knownCodes: ReadonlySet<string> = new Set(rejectCodes);

export function isRejectCode(value: string): value is RejectCode {
  return knownCodes.has(value);
}
