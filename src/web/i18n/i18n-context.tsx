import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from '../api/types.js';
import { createFormatters, type Formatters } from './format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from './messages.js';

export type I18n = {
  locale: Locale;
  t: (key: string, variables?: Record<string, string | number>) => string;
  format: Formatters;
};

const I18nContext = createContext<I18n | null>(null);

type I18nProviderProps = { locale: Locale; currency: string | null; timeZone?: string; children: ReactNode };

export function I18nProvider({ locale, currency, timeZone, children }: I18nProviderProps) {
  const value = useMemo<I18n>(() => {
    const messages = messagesByLocale[locale];
    return {
      locale,
      t: (key, variables) => lookupMessage(messages, key, variables),
      format: createFormatters(intlTagByLocale[locale], currency, timeZone),
    };
  }, [locale, currency, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}
