/**
 * A profile field shown on one line (a name, a city, a region…) as it is kept: its line breaks
 * and tabs, with the spaces beside them, become one space. A quoted newline in an export's name
 * ("Budi⏎Santoso") otherwise stayed in the name, breaking lists, CSV exports and searches by
 * "Budi Santoso". Import and API writes both read profile text through this.
 */
export function singleLineText(text: string): string {
  return text.replace(/\s*[\t\n\v\f\r\u0085\u2028\u2029]\s*/gu, ' ').trim();
}
