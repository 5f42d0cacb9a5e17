import { describeError } from '../api/error-text.js';
import { useI18n } from '../i18n/i18n-context.js';

/**
 * A failed request, titled by what went wrong (a value to check, a permission, something not found);
 * the message in the user's language where the code is known, with the server's English text beside
 * it for support; the code last.
 */
export function ErrorMessage({ error }: { error: Error }) {
  const { t, locale } = useI18n();
  const text = describeError(error, t, locale);
  return (
    <div className="error-message" role="alert">
      <strong>{text.title}</strong> {text.message}
      {text.code ? <span className="muted"> ({text.code})</span> : null}
      {text.original ? <details className="error-original"><summary>{t('errors.original')}</summary>{text.original}</details> : null}
    </div>
  );
}
