/**
 * Grammatical case of a formatted date, which a message asks for as `{name:case}`.
 *
 * Intl writes Latvian months in the nominative only, in every style ("2026. gada 2. marts", "2026. g. maijs"),
 * while a Latvian sentence puts a date in the case its preposition or position asks: "no 2. marta" (genitive,
 * also after "kopš" and before "beigās" or a noun it belongs to), "līdz 18. maijam" (dative), "uz 1. jūniju"
 * (accusative), "atsaukta 4. jūlijā" (locative, a time without a preposition). Abbreviated months ("dec.") read
 * in any case and are left as written; English and Indonesian have no cases, so their messages never ask.
 */
export type GrammaticalCase = 'genitive' | 'dative' | 'accusative' | 'locative';

export const grammaticalCases: readonly GrammaticalCase[] = ['genitive', 'dative', 'accusative', 'locative'];

// second declension (-is) and first (-s, -š): aprīlis alternates l → ļ in the genitive
const latvianMonths: Record<string, Record<GrammaticalCase, string>> = {
  janvāris: { genitive: 'janvāra', dative: 'janvārim', accusative: 'janvāri', locative: 'janvārī' },
  februāris: { genitive: 'februāra', dative: 'februārim', accusative: 'februāri', locative: 'februārī' },
  marts: { genitive: 'marta', dative: 'martam', accusative: 'martu', locative: 'martā' },
  aprīlis: { genitive: 'aprīļa', dative: 'aprīlim', accusative: 'aprīli', locative: 'aprīlī' },
  maijs: { genitive: 'maija', dative: 'maijam', accusative: 'maiju', locative: 'maijā' },
  jūnijs: { genitive: 'jūnija', dative: 'jūnijam', accusative: 'jūniju', locative: 'jūnijā' },
  jūlijs: { genitive: 'jūlija', dative: 'jūlijam', accusative: 'jūliju', locative: 'jūlijā' },
  augusts: { genitive: 'augusta', dative: 'augustam', accusative: 'augustu', locative: 'augustā' },
  septembris: { genitive: 'septembra', dative: 'septembrim', accusative: 'septembri', locative: 'septembrī' },
  oktobris: { genitive: 'oktobra', dative: 'oktobrim', accusative: 'oktobri', locative: 'oktobrī' },
  novembris: { genitive: 'novembra', dative: 'novembrim', accusative: 'novembri', locative: 'novembrī' },
  decembris: { genitive: 'decembra', dative: 'decembrim', accusative: 'decembri', locative: 'decembrī' },
};

// The date's own month: the first one after its day ("2. "), the year ("2026. g. ") or at the start ("marts").
// Only the first, since a label may carry a second date already in the case its own message gave it
// ("2026. gada 2. marts (no 2026. gada 4. marta)").
const dateMonth = new RegExp(`(^|\\d\\.\\s|\\bg\\.\\s)(${Object.keys(latvianMonths).join('|')})(?![\\p{L}])`, 'u');

export function isGrammaticalCase(value: string): value is GrammaticalCase {
  return (grammaticalCases as readonly string[]).includes(value);
}

/** The formatted date with its month in the case asked for; text with no nominative month is returned as it is. */
export function inflectDate(text: string, grammaticalCase: GrammaticalCase): string {
  return text.replace(dateMonth, (_match, before: string, month: string) => `${before}${latvianMonths[month][grammaticalCase]}`);
}
