/**
 * Where a file's fields and a number's fraction part are split. The default,
 * a comma and a point, is RFC 4180 and what programs (and the CLI's files)
 * read; a spreadsheet in a locale that writes "1247,06" splits its fields at
 * ";" instead, and reads a point as text.
 */
export type CsvSeparators = { field?: ',' | ';'; decimal?: '.' | ',' };

/**
 * Starts a CSV file a person may open in a spreadsheet: Excel reads a file without it in the system's
 * legacy code page, and "Rīga" turns into "RÄ«ga". Programs that read UTF-8 (the importer among them) skip it.
 */
export const utf8ByteOrderMark = '\ufeff';

/**
 * `guardsFormulas: false` writes text exactly as it is, for a file programs read (the re-import
 * form, a mail tool's sync): OWASP's CSV-injection guard is for files opened in a spreadsheet, and
 * in any other reader its ' is data, turning "-2+3@example.lv" into an address no tool accepts.
 */
export type CsvOptions = CsvSeparators & { guardsFormulas?: boolean };

/**
 * RFC 4180 quoting. Text starting with =, +, -, @, a tab or a carriage return (OWASP's
 * list: a spreadsheet skips the last two and reads what follows) gets a leading ' so it
 * is not run as a formula. Only a plain number is left as it is (a sign, digits, a decimal part, such
 * as -5), since a spreadsheet reads it as that number anyway; anything more after the sign (+1-1, -2-3,
 * "-1 -1", "+62 812 …") it would compute, so it is guarded. The sheet forms write a phone number as
 * ="+62…" before it gets here (customer-csv.ts), so it stays text with its + and leading 0. Times
 * are written as given: the API's ISO 8601 in UTC for the re-import form, the store's clock for the
 * sheet forms (customer-csv.ts). Numbers take the decimal separator
 * here rather than as text from the caller, since a negative amount as text
 * ("-12,50") would be guarded as a formula. *
 * An email address is guarded like any other text, though the ' spoils it: an address's local part may
 * hold = | ' ! (RFC 5322), so "=cmd|'/C calc'!A0@example.lv" is a valid address and a DDE payload, and
 * even a harmless "-2+3@example.lv" left bare is computed by the spreadsheet into an error, not shown as
 * the address. A mail tool takes the re-import form, which is written unguarded (CsvOptions).
 */
const plainNumber = /^[+-]?\d+(?:\.\d+)?$/;

export function toCsv(rows: ReadonlyArray<ReadonlyArray<unknown>>, { field = ',', decimal = '.', guardsFormulas = true }: CsvOptions = {}): string {
  const needsQuotes = field === ',' ? /[",\n\r]/ : /[";\n\r]/;
  const cell = (value: unknown) => {
    if (value === null || value === undefined) return '';
    let text = value instanceof Date ? value.toISOString() : typeof value === 'number' ? String(value).replace('.', decimal) : String(value);
    if (guardsFormulas && typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !plainNumber.test(text)) text = `'${text}`;
    return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => `${row.map(cell).join(field)}\r\n`).join('');
}
