import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { describeReject } from './reject-text.js';

describe('the reject for an order in a currency without an exchange rate, as the web app says it', () => {
  it.each(locales.map((locale) => [locale] as [Locale]))('in %s points to where the app sets rates, by the menus\' own names, not to a CLI command', (locale) => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
    const reject = { code: 'CURRENCY_RATE_MISSING', params: { currency: 'EUR', storeCurrency: 'IDR' }, reason: 'There is no exchange rate from EUR to the store currency IDR' };
    const { text } = describeReject(reject, t, locale);
    expect(text).toContain(`${t('nav.settings')} › ${t('settings.tabs.store')} › ${t('settings.rates.title')}`);
    expect(text).toContain('EUR');
    expect(text).not.toMatch(/clientele|rates set/);
  });
});
