/**
 * Country names to ISO 3166-1 alpha-2 codes. The names come from the runtime's own CLDR data
 * (Intl.DisplayNames) in the languages the product speaks, so "Indonesia", "Jerman" and
 * "Latvija" need no hand-kept table and no dependency.
 */
const nameLocales = ['en', 'id', 'lv'] as const;
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

// Names people write that CLDR spells another way.
const extraNames: Record<string, string> = {
  usa: 'US', 'united states of america': 'US', america: 'US', uk: 'GB', 'great britain': 'GB', britain: 'GB',
  'czech republic': 'CZ', turkey: 'TR', 'viet nam': 'VN', holland: 'NL', 'korea republic of': 'KR', 'republic of korea': 'KR',
  'russian federation': 'RU', 'republic of indonesia': 'ID', 'republik indonesia': 'ID', 'latvijas republika': 'LV',
};

/** Lower case, accents and punctuation dropped: "Côte d’Ivoire" and "cote divoire" meet. */
export function normaliseCountryName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[.'’()]/g, '').replace(/[\s,&-]+/g, ' ').trim();
}

let codes: Set<string> | null = null;
let codesByName: Map<string, string> | null = null;

// CLDR region codes that are not places a customer lives: unknown, unions, and the private-use ranges.
const isNotCountry = (code: string): boolean => ['ZZ', 'EU', 'EZ', 'UN'].includes(code) || /^Q[M-Z]$/.test(code) || (code.startsWith('X') && code !== 'XK') || /^A[A]$|^O[O-Z]$/.test(code);

/** The current code for a code, following CLDR's aliases (UK → GB, YU → RS). */
function canonicalRegion(code: string): string {
  try {
    return Intl.getCanonicalLocales(`und-${code}`)[0].slice(4);
  } catch {
    return code;
  }
}

function buildTables(): void {
  codes = new Set();
  codesByName = new Map();
  const names = nameLocales.flatMap((locale) => (['long', 'short'] as const).map((style) => new Intl.DisplayNames([locale], { type: 'region', style, fallback: 'none' })));
  for (const first of letters) {
    for (const second of letters) {
      const code = first + second;
      if (isNotCountry(code) || canonicalRegion(code) !== code || names[0].of(code) === undefined) continue;
      codes.add(code);
      for (const display of names) {
        const name = display.of(code);
        if (name !== undefined && !codesByName.has(normaliseCountryName(name))) codesByName.set(normaliseCountryName(name), code);
      }
    }
  }
  for (const [name, code] of Object.entries(extraNames)) if (!codesByName.has(name)) codesByName.set(name, code);
}

/** The ISO code for a code or a country name in English, Indonesian or Latvian; null when unknown. */
export function countryCode(raw: string): string | null {
  if (codes === null || codesByName === null) buildTables();
  const text = raw.trim();
  if (/^[a-z]{2}$/i.test(text)) {
    const code = canonicalRegion(text.toUpperCase());
    return codes!.has(code) ? code : null;
  }
  return codesByName!.get(normaliseCountryName(text)) ?? null;
}
