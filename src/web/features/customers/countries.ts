/**
 * The officially assigned ISO 3166-1 alpha-2 codes (249), by first letter. A list and not every
 * code ICU can name: ICU also names withdrawn codes (DD East Germany as "Germany", FX, YU and CS
 * as "Serbia", UK, SU, BU, ZR, TP, AN …), so a picker built from ICU listed Germany twice, and
 * picking the wrong one stored DD. Plus XK, Kosovo: a user-assigned code, not ISO's, but the one
 * the EU, CLDR and payment and shipping services use for it, so a Kosovar customer can be placed
 * (it duplicates no other country's name).
 */
const currentCodesByLetter = [
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ',
  'BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ',
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ',
  'DE DJ DK DM DO DZ',
  'EC EE EG EH ER ES ET',
  'FI FJ FK FM FO FR',
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY',
  'HK HM HN HR HT HU',
  'ID IE IL IM IN IO IQ IR IS IT',
  'JE JM JO JP',
  'KE KG KH KI KM KN KP KR KW KY KZ',
  'LA LB LC LI LK LR LS LT LU LV LY',
  'MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ',
  'NA NC NE NF NG NI NL NO NP NR NU NZ',
  'OM',
  'PA PE PF PG PH PK PL PM PN PR PS PT PW PY',
  'QA',
  'RE RO RS RU RW',
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ',
  'TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ',
  'UA UG UM US UY UZ',
  'VA VC VE VG VI VN VU',
  'WF WS',
  'XK',
  'YE YT',
  'ZA ZM ZW',
];

export const currentCountryCodes: readonly string[] = currentCodesByLetter.join(' ').split(' ');

export type Country = { code: string; name: string };

/**
 * The current countries, named in the reader's language by the browser's ICU and sorted by that
 * name; a code this ICU cannot name yet (a country newer than the browser) is listed by its code.
 */
export function countriesIn(tag: string): Country[] {
  const names = new Intl.DisplayNames([tag], { type: 'region', fallback: 'none' });
  const countries = currentCountryCodes.map((code) => ({ code, name: names.of(code) ?? code }));
  const collator = new Intl.Collator(tag);
  return countries.sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The picker's choices for a customer whose stored code is `stored`: the current countries, and
 * first a stored code that is not one of them (withdrawn, such as DD, or unknown) under its label,
 * so opening the form neither hides nor changes it.
 */
export function countryChoices(tag: string, stored: string | null): Country[] {
  const countries = countriesIn(tag);
  const code = stored?.trim().toUpperCase() ?? '';
  if (code === '' || countries.some((country) => country.code === code)) return countries;
  return [{ code, name: countryLabel(code, tag) ?? code }, ...countries];
}

/** "Indonesia (ID)" in the reader's language; a code ICU does not know is shown as stored. */
export function countryLabel(code: string | null, tag: string): string | null {
  if (!code) return null;
  const name = new Intl.DisplayNames([tag], { type: 'region', fallback: 'none' }).of(code.toUpperCase());
  return name && name !== code.toUpperCase() ? `${name} (${code.toUpperCase()})` : code;
}
