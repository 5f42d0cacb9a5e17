import { useI18n } from '../i18n/i18n-context.js';

export function LoadingState({ labelKey = 'common.loading' }: { labelKey?: string }) {
  const { t } = useI18n();
  return <p className="loading-state" role="status" aria-live="polite">{t(labelKey)}</p>;
}
