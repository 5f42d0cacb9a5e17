import { useState } from 'react';
import { useSession } from '../features/auth/session-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { isLocale, locales } from '../i18n/messages.js';

/** Saved per user on the server (PATCH /api/auth/me), and on the device for the sign-in page. */
export function LanguagePicker() {
  const { t, locale } = useI18n();
  const { changeLocale } = useSession();
  const [hasFailed, setHasFailed] = useState(false);
  return (
    <label className="language-picker">
      <span className="visually-hidden">{t('shell.language')}</span>
      <select
        value={locale}
        onChange={(event) => {
          if (!isLocale(event.target.value)) return;
          setHasFailed(false);
          changeLocale(event.target.value).catch(() => setHasFailed(true));
        }}
      >
        {locales.map((option) => <option key={option} value={option} lang={option}>{t(`languages.${option}`)}</option>)}
      </select>
      {hasFailed ? <span role="alert" className="inline-error">{t('shell.languageNotSaved')}</span> : null}
    </label>
  );
}
