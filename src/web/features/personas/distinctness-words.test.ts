import { describe, expect, it } from 'vitest';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';

describe('the persona page\'s distinctness note', () => {
  it('says what the number measures in plain words, not "silhouette" jargon, keeping the number', () => {
    for (const locale of locales) {
      const text = lookupMessage(messagesByLocale[locale], 'personas.silhouette', { value: '0,29' });
      expect({ locale, text }).toEqual({ locale, text: expect.stringContaining('0,29') });
      expect({ locale, text }).not.toEqual({ locale, text: expect.stringMatching(/silhouette|siluet/i) });
    }
    expect(lookupMessage(messagesByLocale.id, 'personas.silhouette', { value: '0,29' })).toContain('lebih dekat ke persona mereka sendiri');
  });
});
