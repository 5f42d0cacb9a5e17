import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { channelInSentence, knownEventChannels } from './event-channels.js';

const tOf = (locale: Locale) => (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values);

describe('interest event channels in a sentence', () => {
  it.each([...locales])('has a text for every known channel in %s, never the raw value', (locale) => {
    for (const channel of knownEventChannels) {
      const key = `channelsInSentence.${channel}`;
      expect(tOf(locale)(key), `${locale} ${channel}`).not.toBe(key);
    }
    // brands keep their own spelling in every language
    expect(channelInSentence(tOf(locale), 'instagram')).toBe('Instagram');
    expect(channelInSentence(tOf(locale), 'whatsapp')).toBe('WhatsApp');
  });

  it('reads an unknown channel as a name, and none as another channel', () => {
    expect(channelInSentence(tOf('lv'), 'telegram')).toBe('Telegram');
    expect(channelInSentence(tOf('en'), 'google-ads')).toBe('Google ads');
    expect(channelInSentence(tOf('lv'), '  ')).toBe('citu kanālu');
  });
});
