import type { RejectCode, RejectParams, RejectProblem } from '../reject-codes.js';

/**
 * Raised inside row builders and turned into a `Reject` by the row parser before it leaves this
 * folder: builders read top to bottom ("this field, else stop") instead of threading results.
 */
export class RowProblem extends Error {
  readonly field: string | null;
  readonly code: RejectCode;
  readonly params: RejectParams;

  constructor(field: string | null, code: RejectCode, reason: string, params: RejectParams) {
    super(reason);
    this.field = field;
    this.code = code;
    this.params = params;
  }
}

/** Stops the row: `reason` is the English sentence, `params` the values it names (see reject-codes.ts). */
export function fail(field: string | null, code: RejectCode, reason: string, params: RejectParams = {}): never {
  throw new RowProblem(field, code, reason, params);
}

/** A NUL character (U+0000) in a field: PostgreSQL text cannot hold it. */
export function failNulCharacter(field: string): never {
  fail(field, 'FIELD_NUL_CHARACTER', `${field} contains a NUL character (U+0000, often left by a broken export), which cannot be stored; remove it from the value`, { field });
}

/** The values of one record under canonical field names, as the builders see them. */
export type FieldValues = {
  /** Trimmed text, null when the column is absent or empty. */
  text(field: string): string | null;
  /** Whether the file has a column for the field at all (not whether this row fills it). */
  has(field: string): boolean;
  /** Non-empty values of dynamic fields such as `external_id.loyalty_card`, keyed by the part after the prefix. */
  withPrefix(prefix: string): Array<[string, string]>;
  /**
   * Whether the file has a column besides the phone that could tell its customers apart (an id, a
   * username or an email), read or not (masked-phones.ts, hasOtherIdentityColumn); absent: assumed so.
   * A row known only by a masked phone is advised by it (row-values.ts, failIfOnlyMaskedPhone).
   */
  readonly hasOtherIdentityColumn?: boolean;
};

/**
 * The problem as said of the file's own column: a seller whose file has "Tanggal Pembayaran" and
 * no "ordered_at" is told `Tanggal Pembayaran (ordered_at) is empty`. The reason's first mention of
 * the field becomes the column with the field beside it; a reason that does not mention the field
 * (a date format's) starts with them. `code`, `field` and `params` stay as they are: a program
 * reads them, and `column` beside them. A problem no one column holds (namesNoColumn) is left as it is.
 */
export function withColumnNamed<P extends RejectProblem>(problem: P, column: string): P & { column?: string } {
  if (namesNoColumn(problem.code)) return problem;
  if (problem.field === null) return { ...problem, column };
  return { ...problem, column, reason: reasonNamingColumn(problem.reason, problem.field, column) };
}

/**
 * Problems no one column of the file holds, said without a column: a customer with no identity
 * lacks each of customer_id, email, phone and external_id, and naming customer_id's column alone
 * (its field) would send the reader to one empty cell of several. The web app names none either
 * (web/features/import/reject-columns.ts).
 */
const withoutColumn: ReadonlySet<RejectCode> = new Set<RejectCode>(['CUSTOMER_IDENTITY_MISSING']);

export function namesNoColumn(code: string): boolean {
  return (withoutColumn as ReadonlySet<string>).has(code);
}

export function reasonNamingColumn(reason: string, field: string, column: string): string {
  const named = `${column} (${field})`;
  const at = firstMentionOf(reason, field);
  return at === -1 ? `${named}: ${reason}` : reason.slice(0, at) + named + reason.slice(at + field.length);
}

// A field name inside another ("amount" in "refunded_amount", "external_id" in "external_id.loyalty_card") is no mention of it; one before a full stop is.
const isInsideName = (before: string, after: string) => /[\w.]$/.test(before) || /^(?:\w|\.\w)/.test(after);

/**
 * Whether a reason names the field already, as a word ("amount "12..5" is not…") or by its column
 * ("Total (amount) …", withColumnNamed): a label naming it again before the reason would say it twice.
 */
export function reasonNamesField(reason: string, field: string, column?: string): boolean {
  return column ? reason.includes(`${column} (${field})`) : firstMentionOf(reason, field) !== -1;
}

function firstMentionOf(text: string, field: string): number {
  for (let at = text.indexOf(field); at !== -1; at = text.indexOf(field, at + 1)) {
    if (!isInsideName(text.slice(0, at), text.slice(at + field.length))) return at;
  }
  return -1;
}
