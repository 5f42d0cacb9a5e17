import type { I18n } from '../../i18n/i18n-context.js';

// Gender is stored as imported: the words and letters files write for it in the app's languages
// (L/P: laki-laki/perempuan; V/S: vīrietis/sieviete) are shown in the reader's own
const genderByWritten = new Map<string, 'female' | 'male' | 'other'>([
  ...['female', 'f', 'woman', 'w', 'perempuan', 'p', 'wanita', 'sieviete', 's'].map((written) => [written, 'female'] as const),
  ...['male', 'm', 'man', 'laki-laki', 'l', 'pria', 'vīrietis', 'v'].map((written) => [written, 'male'] as const),
  ...['other', 'lainnya', 'cits', 'cita'].map((written) => [written, 'other'] as const),
]);

/** A stored gender in the reader's language when it is one the app knows, else as stored; null when none. */
export function genderLabel(gender: string | null, t: I18n['t']): string | null {
  if (gender === null) return null;
  const known = genderByWritten.get(gender.trim().toLowerCase());
  return known ? t(`customer.genders.${known}`) : gender;
}
