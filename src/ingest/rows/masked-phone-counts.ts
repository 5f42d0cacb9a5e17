/** A phone a marketplace masked on a row read by its other identities: the row's line, the field, the value as written. */
export type MaskedPhone = { line: number; field: string; value: string };

/**
 * The rows of a file or batch whose phone was masked and so ignored (row-values.ts, maskedPhone),
 * and the first of them, the example a summary names. A row whose only identity was such a phone
 * is not among them: it is rejected (PHONE_MASKED) and counted with the rejects.
 *
 * Kept apart from masked-phones.ts, which reads rows (and through them node:crypto): the web app
 * sums its batches' counts with these same functions.
 */
export type MaskedPhones = { rows: number; first: MaskedPhone | null };

export const noMaskedPhones: MaskedPhones = { rows: 0, first: null };

/** `counted` with one more row, `masked`; the earliest line stays the example. */
export function withMaskedPhone(counted: MaskedPhones, masked: MaskedPhone): MaskedPhones {
  return addMaskedPhones(counted, { rows: 1, first: masked });
}

/** The counts of two batches of one import as one, the earliest line the example whatever their order. */
export function addMaskedPhones(a: MaskedPhones, b: MaskedPhones): MaskedPhones {
  const first = a.first === null ? b.first : b.first === null || a.first.line <= b.first.line ? a.first : b.first;
  return { rows: a.rows + b.rows, first };
}
