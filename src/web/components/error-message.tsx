import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/i18n-context.js';

/** The server's message is shown as sent (it names the field and the fix); the code helps support. */
export function ErrorMessage({ error }: { error: Error }) {
  const { t } = useI18n();
  const code = error instanceof ApiError ? error.code : null;
  return (
    <div className="error-message" role="alert">
      <strong>{t('common.errorTitle')}</strong> {error.message}
      {code ? <span className="muted"> ({code})</span> : null}
    </div>
  );
}
