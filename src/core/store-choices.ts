import { isSupportedCountry } from 'libphonenumber-js';

/**
 * What a store's time zone and phone country may be: one check for the environment variables
 * that set up a new store, the API and the CLI that change it. (Its currency: money.ts,
 * isKnownCurrency.)
 */

// A zone's name: "Europe/Riga", "UTC", "Etc/GMT+5". Not an offset such as "+05:00": Intl reads that
// as east of UTC and PostgreSQL as west of it (POSIX), so the two would cut days five hours apart.
const zoneNamePattern = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/** An IANA time zone name that Intl accepts (any letter case). */
export function isIanaTimeZoneName(name: string): boolean {
  if (name.length > 64 || !zoneNamePattern.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * An ISO 3166-1 alpha-2 code whose phone numbers Clientele can read (libphonenumber's regions: every
 * current country but the seven without a numbering plan of their own, such as AQ Antarctica), in
 * upper case. The store's phone country is only used to read numbers written without a country code.
 */
export function isPhoneCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}
