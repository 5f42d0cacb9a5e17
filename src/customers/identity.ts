import { domainToUnicode } from 'node:url';
import { getExampleNumber, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import phoneExamples from 'libphonenumber-js/examples.mobile.json';
import type { CustomerRef } from '../ingest/canonical.js';
import { invisibleCharacterProblem } from './invisible-characters.js';
import { normaliseExternalId } from './external-id.js';

/** A normalised identity value, or why there is none (reason null when the input was empty). */
export type NormalisedIdentity = { value: string; reason: null } | { value: null; reason: string | null };

const empty: NormalisedIdentity = { value: null, reason: null };

// Deliberately loose: one @, a dot in the domain, no spaces. Stricter RFC 5322 checks reject
// real addresses that shop tills accept, and the only real test of an address is sending to it.
const emailShape = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

// Zero-width characters (ZWSP, ZWNJ, ZWJ, word joiner, BOM) are invisible when pasted from web pages
// and chat apps; left in, one address would be two identities. Dropping them leaves the address that
// was meant, so they are dropped; any other format character (a bidi override that shows the address
// reversed, a soft hyphen) is refused (invisible-characters.ts), as no mailbox is written with one.
const zeroWidth = /[\u200B-\u200D\u2060\uFEFF]/g;
const asciiOnly = /^[\x00-\x7F]*$/;

/**
 * One key per mailbox: invisible characters and surrounding whitespace dropped, NFC (macOS and
 * some forms write `ä` as `a` plus a combining mark), lower case, and an internationalised domain
 * in Unicode whether it was typed as `bücher.de` or as its punycode `xn--bcher-kva.de`.
 */
export function normaliseEmail(raw: string | null | undefined): NormalisedIdentity {
  return readEmail(raw, true);
}

/**
 * normaliseEmail as it was before format characters were refused: only to find an address an older
 * version stored with one (so it can still be removed), never to store a new one.
 */
export function normaliseStoredEmail(raw: string | null | undefined): NormalisedIdentity {
  return readEmail(raw, false);
}

function readEmail(raw: string | null | undefined, refusesInvisible: boolean): NormalisedIdentity {
  const trimmed = (raw ?? '').replace(zeroWidth, '').trim();
  if (trimmed === '') return empty;
  const invisible = refusesInvisible ? invisibleCharacterProblem(trimmed, 'the address') : null;
  if (invisible) return { value: null, reason: invisible };
  const lowered = unicodeDomain(trimmed.normalize('NFC').toLowerCase());
  if (!emailShape.test(lowered)) {
    return { value: null, reason: `"${trimmed}" is not an email address (expected name@domain.tld)` };
  }
  return { value: lowered, reason: null };
}

/** The domain in one written form; plain ASCII domains (nearly all) skip the conversion. */
function unicodeDomain(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  if (at < 0 || (asciiOnly.test(domain) && !domain.includes('xn--'))) return address;
  // UTS 46 also folds full-width letters (ＥＸＡＭＰＬＥ.com); an invalid domain comes back empty and is kept as typed.
  const unicode = domainToUnicode(domain);
  return unicode === '' ? address : `${address.slice(0, at + 1)}${unicode.normalize('NFC')}`;
}

// libphonenumber takes microseconds a number, and an orders file repeats each buyer's number on
// every order, typed several ways ("0812-3141-5926", "(0812) 3141 5926"). Numbers written with
// only digits, spaces, dashes and brackets read the same as their bare digits, so those share
// one memory entry by their digits. Entries live in two generations per default country: a hit
// in the older one moves to the newer, and when the newer is full the older is dropped — least
// recently used out first, bounded at twice the generation size, with no per-lookup bookkeeping.
// Only numbers that read are remembered: a rejection quotes the text as typed.
const phoneGeneration = 4096;
const plainlyWrittenPhone = /^\+?[0-9() -]{1,40}$/;
type PhoneMemory = { country: string; recent: Map<string, string>; older: Map<string, string> };
const phoneMemories = new Map<string, PhoneMemory>();
let lastPhoneMemory: PhoneMemory = { country: '', recent: new Map(), older: new Map() };

/**
 * E.164 (+6281234567890), with an extension as RFC 3966 writes it (`+6221…;ext=12`): colleagues
 * behind one switchboard are different people. Numbers without a country prefix are read as
 * `defaultCountry` numbers (a country libphonenumber does not know reads as none).
 */
export function normalisePhone(raw: string | null | undefined, defaultCountry: string): NormalisedIdentity {
  if (raw === null || raw === undefined || raw === '') return empty;
  let memory = lastPhoneMemory;
  if (memory.country !== defaultCountry) {
    memory = phoneMemories.get(defaultCountry) ?? { country: defaultCountry, recent: new Map(), older: new Map() };
    phoneMemories.set(defaultCountry, memory);
    lastPhoneMemory = memory;
  }
  const key = plainlyWrittenPhone.test(raw) ? phoneKey(raw) : raw;
  let value = memory.recent.get(key) ?? memory.older.get(key);
  if (value === undefined) {
    const result = readPhoneNumber(raw, defaultCountry);
    if (result.value === null) return result;
    value = result.value;
  }
  if (memory.recent.size >= phoneGeneration) {
    memory.older = memory.recent;
    memory.recent = new Map();
  }
  memory.recent.set(key, value);
  return { value, reason: null };
}

/** A plainly written number as libphonenumber will see it (see readPhoneNumber), without its punctuation. */
function phoneKey(raw: string): string {
  return raw.trim().replace(/^00(?=[1-9])/, '+').replace(/[() -]/g, '');
}

/**
 * The country a customer's number written without a country code is read in: the customer's own
 * (a customer in Riga writes her number as Latvians do, whatever the store's country), else the
 * store's. Files, the API and the CLI all read it so, or one person would get two identities.
 */
export function phoneCountryOf(customerCountry: string | null | undefined, storeCountry: string): string {
  const country = customerCountry?.trim().toUpperCase();
  return country && isSupportedCountry(country) ? country : storeCountry;
}

// The product's own countries as their people write a mobile number; elsewhere libphonenumber's example.
const examplePhones: Readonly<Record<string, string>> = { ID: '+62 812 3456 7890', LV: '+371 2612 3456' };

/**
 * A mobile number of `country` as a reason's example, so a Latvian store is not shown an
 * Indonesian number; null for a code libphonenumber does not know.
 */
export function examplePhoneOf(country: string): string | null {
  const code = country.toUpperCase();
  if (examplePhones[code]) return examplePhones[code];
  return isSupportedCountry(code) ? getExampleNumber(code as CountryCode, phoneExamples)?.formatInternational() ?? null : null;
}

const withCountryCode = (country: string) => {
  const example = examplePhoneOf(country);
  return example === null ? 'with its country code' : `with its country code, e.g. ${example}`;
};

// Marketplaces show a seller the buyer's number with digits hidden (Shopee "******7890", Tokopedia
// "628******123", "0812-3456-7***", "0812xxxx7890"). libphonenumber reads the digits left and
// stops at the first mask, so "0812-3456-7***" was +6281234567 for every buyer whose number
// starts so: hundreds of strangers one customer. A mask is a star or bullet, a run of # or x, or
// one x or # ending the number; one followed by digits ("555 0100 x12", "2671x12", "#12") is an
// extension, as libphonenumber reads it.
const maskCharacter = /[*\u2217\uFF0A\u2022\u25CF]/;
const maskRun = /[#\uFF03]{2,}|[xX]{2,}|\d[#xX]$/;

/** Whether a phone number is written with some digits hidden, as marketplaces show a buyer's: no identity (see maskCharacter). */
export function isMaskedPhone(raw: string): boolean {
  const trimmed = raw.trim();
  return maskCharacter.test(trimmed) || maskRun.test(trimmed);
}

/** normalisePhone without memory, straight through libphonenumber: the reference it must agree with. */
export function readPhoneNumber(raw: string | null | undefined, defaultCountry: string): NormalisedIdentity {
  const trimmed = (raw ?? '').trim();
  if (trimmed === '') return empty;
  if (isMaskedPhone(trimmed)) {
    return { value: null, reason: `"${trimmed}" is masked (some of its digits are hidden), and a masked number cannot tell people apart; write the whole number` };
  }
  // Spreadsheets turn +62… into 62… or 0062…; a leading 00 is the international prefix in most countries.
  const prefixed = trimmed.replace(/^00(?=[1-9])/, '+');
  const country = defaultCountry.toUpperCase();
  const parsed = parsePhoneNumberFromString(prefixed, isSupportedCountry(country) ? { defaultCountry: country as CountryCode } : undefined);
  if (!parsed || !parsed.isPossible()) {
    return { value: null, reason: `"${trimmed}" is not a possible phone number for ${country}; write it ${withCountryCode(country)}` };
  }
  // isPossible() checks only the length, so tills' placeholders (0000000000, 12345678) would pass
  // and join every stranger who gave one into one customer; isValid() checks the numbering plan.
  if (!parsed.isValid()) {
    return {
      value: null,
      reason: `"${trimmed}" is not a valid phone number for ${country} (a placeholder such as 0000000000 is not a number); write the customer's real number ${withCountryCode(country)}`,
    };
  }
  return { value: parsed.ext ? `${parsed.number};ext=${parsed.ext}` : parsed.number, reason: null };
}

export { normaliseExternalId } from './external-id.js';

/**
 * An external id as an identity key (normaliseExternalId), refusing format characters: an id from
 * another system never has one, and one that did would be a second customer that looks like the first.
 */
export function normaliseExternalIdentity(raw: string | null | undefined): NormalisedIdentity {
  const value = normaliseExternalId(raw);
  if (value === null) return empty;
  const invisible = invisibleCharacterProblem(value, 'the id');
  return invisible ? { value: null, reason: invisible } : { value, reason: null };
}

export { normaliseExternalNamespace } from './external-namespace.js';

/** One string per identity, so refs can be compared, deduplicated and used as map keys. */
export function identityKey(ref: CustomerRef): string {
  return ref.kind === 'external' ? `external:${ref.namespace}:${ref.value}` : `${ref.kind}:${ref.value}`;
}
