import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { CustomerRef } from '../ingest/canonical.js';

/** A normalised identity value, or why there is none (reason null when the input was empty). */
export type NormalisedIdentity = { value: string; reason: null } | { value: null; reason: string | null };

const empty: NormalisedIdentity = { value: null, reason: null };

// Deliberately loose: one @, a dot in the domain, no spaces. Stricter RFC 5322 checks reject
// real addresses that shop tills accept, and the only real test of an address is sending to it.
const emailShape = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function normaliseEmail(raw: string | null | undefined): NormalisedIdentity {
  const trimmed = (raw ?? '').trim();
  if (trimmed === '') return empty;
  const lowered = trimmed.toLowerCase();
  if (!emailShape.test(lowered)) {
    return { value: null, reason: `"${trimmed}" is not an email address (expected name@domain.tld)` };
  }
  return { value: lowered, reason: null };
}

/** E.164 (+6281234567890); numbers without a country prefix are read as `defaultCountry` numbers. */
export function normalisePhone(raw: string | null | undefined, defaultCountry: string): NormalisedIdentity {
  const trimmed = (raw ?? '').trim();
  if (trimmed === '') return empty;
  // Spreadsheets turn +62… into 62… or 0062…; a leading 00 is the international prefix in most countries.
  const prefixed = trimmed.replace(/^00(?=[1-9])/, '+');
  const parsed = parsePhoneNumberFromString(prefixed, { defaultCountry: defaultCountry.toUpperCase() as CountryCode });
  if (!parsed || !parsed.isPossible()) {
    return {
      value: null,
      reason: `"${trimmed}" is not a possible phone number for ${defaultCountry.toUpperCase()}; write it with its country code, e.g. +62 812 3456 7890`,
    };
  }
  return { value: parsed.number, reason: null };
}

/**
 * Trims an id from another system. Spreadsheet and pandas exports write integer ids as floats
 * (`17850.0`); without this the same customer would get two identities across exports.
 */
export function normaliseExternalId(raw: string | null | undefined): string | null {
  const trimmed = (raw ?? '').trim();
  if (trimmed === '') return null;
  const floatInteger = /^(-?\d+)\.0+$/.exec(trimmed);
  return floatInteger ? floatInteger[1] : trimmed;
}

/** One string per identity, so refs can be compared, deduplicated and used as map keys. */
export function identityKey(ref: CustomerRef): string {
  return ref.kind === 'external' ? `external:${ref.namespace}:${ref.value}` : `${ref.kind}:${ref.value}`;
}
