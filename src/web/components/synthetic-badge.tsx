import { useStoreSettings } from '../features/settings/store-settings-context.js';
import { useI18n } from '../i18n/i18n-context.js';

/** Demo figures must never be mistaken for the store's own: synthetic or a public data set, said on every page. */
export function SyntheticBadge() {
  const { t, format } = useI18n();
  const settings = useStoreSettings();
  if (!settings) return null;
  return (
    <span className="store-name">
      {settings.name || t('shell.unnamedStore')}
      {settings.isSynthetic ? <span className="badge badge-warning" title={t('shell.syntheticExplanation')}>{t('shell.synthetic')}</span> : null}
      {!settings.isSynthetic && settings.demoDataset ? (
        <span className="badge badge-warning" title={t('shell.publicDatasetExplanation', { date: settings.dataAsOf ? format.date(settings.dataAsOf) : '–' })}>{t('shell.publicDataset')}</span>
      ) : null}
    </span>
  );
}
