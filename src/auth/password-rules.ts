/**
 * What makes a password acceptable, with no Node imports: the server refuses by these rules and
 * the web app states them and checks them as the person types, so both always say the same.
 * Length is what matters (NIST 800-63B); there are no composition rules.
 */
export const minimumPasswordLength = 10;
// argon2 accepts any length; the cap keeps a megabyte "password" from costing CPU.
export const maximumPasswordLength = 256;
const minimumDistinctCharacters = 4;

export type PasswordRule = 'tooShort' | 'tooLong' | 'repetitive' | 'isEmail';

/** The first rule `password` breaks, or null. */
export function brokenPasswordRule(password: string, email?: string): PasswordRule | null {
  if (password.length < minimumPasswordLength) return 'tooShort';
  if (password.length > maximumPasswordLength) return 'tooLong';
  if (new Set(password).size < minimumDistinctCharacters) return 'repetitive';
  if (email && isEmailOrItsName(password.toLowerCase(), email.toLowerCase())) return 'isEmail';
  return null;
}

/** The address or the name before its @ ("sari.wulandari" of sari.wulandari@shop.example): the first guesses of anyone who knows it. */
function isEmailOrItsName(password: string, email: string): boolean {
  const at = email.lastIndexOf('@');
  return password === email || (at > 0 && password === email.slice(0, at));
}
