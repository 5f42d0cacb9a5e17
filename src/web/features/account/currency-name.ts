/** "Euro" for EUR in the reader's language; the code itself when ICU does not know it. */
export function currencyName(code: string, tag: string): string {
  try {
    return new Intl.DisplayNames([tag], { type: 'currency', fallback: 'code' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
