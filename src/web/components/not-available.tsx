import { useI18n } from '../i18n/i18n-context.js';

/** Said plainly when the server does not offer the data yet: never a placeholder chart with made-up numbers. */
export function NotAvailable({ what }: { what: string }) {
  const { t } = useI18n();
  return <p className="not-available">{t('common.notAvailableYet', { what })}</p>;
}
