import type { I18n } from '../../i18n/i18n-context.js';
import { channels } from './customer-filters.js';

/**
 * The channels an interest event may carry that the app names in every language
 * (`channelsInSentence`): the six order channels, and the social and messaging channels a store's
 * events come through, the demo store's instagram and whatsapp among them (src/synthetic/interest-events.ts).
 * An event's channel is free text (docs/import.md), stored in lower case (ingest/rows/build-others.ts).
 */
export const knownEventChannels = [...channels, 'instagram', 'whatsapp', 'facebook', 'tiktok', 'email', 'sms'] as const;

/**
 * A channel inside a sentence ("Sign-up via Instagram", "Reģistrācija caur mobilo lietotni"): the
 * messages' words for a known one; another, as the store named it, read as a name: stored in lower
 * case, it is capitalised ("telegram" → "Telegram"), and dashes and underscores read as spaces.
 * An empty one is "another channel", as an event without one is stored.
 */
export function channelInSentence(t: I18n['t'], channel: string): string {
  const key = `channelsInSentence.${channel}`;
  const translated = t(key);
  if (translated !== key) return translated;
  const name = channel.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (name === '') return t('channelsInSentence.other');
  return name.charAt(0).toLocaleUpperCase() + name.slice(1);
}
