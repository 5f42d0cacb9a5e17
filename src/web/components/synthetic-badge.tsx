import { useStoreSettings } from '../features/settings/store-settings-context.js';
import { useI18n } from '../i18n/i18n-context.js';

/** Synthetic figures must never be mistaken for a real store's: shown on every page while the flag is set. */
export function SyntheticBadge() {
  const { t } = useI18n();
  const settings = useStoreSettings();
  if (!settings) return null;
  return (
    <span className="store-name">
      {settings.name}
      {settings.isSynthetic ? <span className="badge badge-warning" title={t('shell.syntheticExplanation')}>{t('shell.synthetic')}</span> : null}
    </span>
  );
}
