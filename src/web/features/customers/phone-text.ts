import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A stored phone number (E.164, "+6283318576429") grouped for reading as its country writes it
 * internationally ("+62 833 1857 6429"), for display only: what is stored, searched and sent stays as it is.
 * A value libphonenumber cannot read is shown as stored rather than guessed at.
 */
export function phoneText(stored: string): string {
  const parsed = parsePhoneNumberFromString(stored);
  return parsed?.isPossible() ? parsed.formatInternational() : stored;
}
