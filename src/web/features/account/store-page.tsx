import type { StoreSettings } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { useSession } from '../auth/session-context.js';
import { countryLabel } from '../customers/countries.js';
import { useReloadStoreSettings } from '../settings/store-settings-context.js';
import { currencyName } from './currency-name.js';
import { ExchangeRatesCard } from './exchange-rates-card.js';
import { SettingsLayout } from './settings-layout.js';
import { StoreNameForm } from './store-name-form.js';

type Settings = StoreSettings & { store: 'embedded' | 'server' };

/** The store's own settings: its name (editable), and what is fixed once data exists, said plainly. */
export function StorePage() {
  const { t, format, locale } = useI18n();
  const tag = intlTagByLocale[locale];
  const { can } = useSession();
  const reloadShared = useReloadStoreSettings();
  const settings = useApiData<Settings>('/api/settings');
  let body;
  if (settings.error) body = <ErrorMessage error={settings.error} />;
  else if (!settings.data) body = <LoadingState />;
  else {
    const data = settings.data;
    const source = data.isSynthetic ? t('settings.store.synthetic')
      : data.dataAsOf ? t('settings.store.dataset', { date: format.date(data.dataAsOf) }) : t('settings.store.ownData');
    body = (
      <>
        {can('settings:write') ? <StoreNameForm name={data.name} onSaved={() => { settings.reload(); reloadShared(); }} /> : null}
        <dl className="facts">
          {can('settings:write') ? null : <div><dt>{t('settings.store.name')}</dt><dd>{data.name}</dd></div>}
          <div><dt>{t('settings.store.currency')}</dt><dd>{data.currency} · {currencyName(data.currency, tag)}</dd></div>
          <div><dt>{t('settings.store.timeZone')}</dt><dd>{data.timeZone}</dd></div>
          <div><dt>{t('settings.store.defaultCountry')}</dt><dd>{countryLabel(data.defaultCountry, tag)}</dd></div>
          <div><dt>{t('settings.store.data')}</dt><dd>{source}</dd></div>
          <div><dt>{t('settings.store.database')}</dt><dd>{t(`settings.store.databases.${data.store}`)}</dd></div>
        </dl>
        <p className="muted small">{t('settings.store.fixed')}</p>
      </>
    );
  }
  return (
    <SettingsLayout>
      <div className="settings-grid">
        <Card title={t('settings.store.title')}>{body}</Card>
        <ExchangeRatesCard canEdit={can('settings:write')} />
      </div>
    </SettingsLayout>
  );
}
