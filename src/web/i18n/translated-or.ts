import type { I18n } from './i18n-context.js';

/**
 * `group.value` translated when the messages know it (a channel, say); else the value as the store wrote it.
 * Inside a sentence a channel is `channelsInSentence` ("via the mobile app", "caur mobilo lietotni"): `channels` are labels, capitalised.
 */
export function translatedOr(t: I18n['t'], group: string, value: string): string {
  const key = `${group}.${value}`;
  const translated = t(key);
  return translated === key ? value : translated;
}
