// Codes ICU names as regions but that are not countries a customer lives in:
// the EU, the eurozone, the UN, "outlying Oceania", the pseudo-locales and "unknown".
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

export type Country = { code: string; name: string };

/**
 * Every ISO 3166-1 alpha-2 region the browser's ICU can name, named in the reader's language and
 * sorted by that name: no country list to ship or keep current.
 */
export function countriesIn(tag: string): Country[] {
  const names = new Intl.DisplayNames([tag], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const countries: Country[] = [];
  for (const first of letters) {
    for (const second of letters) {
      const code = first + second;
      if (notCountries.has(code)) continue;
      const name = names.of(code);
      if (name && name !== code) countries.push({ code, name });
    }
  }
  const collator = new Intl.Collator(tag);
  return countries.sort((a, b) => collator.compare(a.name, b.name));
}

/** "Indonesia (ID)" in the reader's language; a code ICU does not know is shown as stored. */
export function countryLabel(code: string | null, tag: string): string | null {
  if (!code) return null;
  const name = new Intl.DisplayNames([tag], { type: 'region', fallback: 'none' }).of(code.toUpperCase());
  return name && name !== code.toUpperCase() ? `${name} (${code.toUpperCase()})` : code;
}
