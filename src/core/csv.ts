/**
 * RFC 4180 quoting. Text starting with =, +, -, @, a tab or a carriage return (OWASP's
 * list: a spreadsheet skips the last two and reads what follows) gets a leading ' so it
 * is not run as a formula; phone numbers like +62… are left as they are. Times
 * are written as the API sends them (ISO 8601 in UTC), so a file made by the CLI
 * reads the same as one made by the web app.
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<unknown>>): string {
  const cell = (value: unknown) => {
    if (value === null || value === undefined) return '';
    let text = value instanceof Date ? value.toISOString() : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^\+?[\d ()-]+$/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => `${row.map(cell).join(',')}\r\n`).join('');
}
