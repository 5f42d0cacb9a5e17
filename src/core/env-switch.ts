import { AppError } from './errors.js';

const switchWords = { on: ['1', 'true', 'yes', 'on'], off: ['0', 'false', 'no', 'off'] };

/** An on/off word as written (any case, spaces around ignored): unset or empty is off, an unknown word null. */
export function switchState(value: string | undefined): boolean | null {
  const word = value?.trim().toLowerCase() ?? '';
  if (word === '') return false;
  if (switchWords.on.includes(word)) return true;
  if (switchWords.off.includes(word)) return false;
  return null;
}

/**
 * An on/off variable. Any other word is refused rather than read as off: CLIENTELE_TLS=yes, read as
 * off, quietly left session cookies without Secure behind a TLS proxy. Unset or empty is off.
 */
export function readSwitch(env: NodeJS.ProcessEnv, name: string): boolean {
  const state = switchState(env[name]);
  if (state !== null) return state;
  throw new AppError('CONFIG_INVALID', `${name} must be one of ${switchWords.on.join(', ')} (on) or ${switchWords.off.join(', ')} (off), in any case, got "${env[name]}".`, { field: name });
}
