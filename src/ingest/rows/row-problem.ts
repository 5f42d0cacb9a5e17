import type { RejectCode, RejectParams } from '../reject-codes.js';

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
};
