import type { FixedReason, FixedSettings, StoreSettings } from '../../api/types.js';
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
import { StoreSetupForm } from './store-setup-form.js';
import { FixedReasonText } from './fixed-reason-text.js';

const setupKeys = ['currency', 'timeZone', 'defaultCountry'] as const;
// what only a new store undoes; an import ends, and a segment can be edited
const startsOver: ReadonlySet<FixedReason['code']> = new Set(['orders', 'product_prices', 'recorded_times', 'phone_numbers']);

type Settings = StoreSettings & { store: 'embedded' | 'server'; fixed: FixedSettings };

/**
 * The store's own settings: its name, and its currency, time zone and phone country, which those who
 * change settings choose while nothing stored depends on them; once something does, each says why.
 */
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
    const fixedReasons = setupKeys.flatMap((key) => (data.fixed[key] ? [data.fixed[key]!] : []));
    // the form while any of the three can change; once all are fixed, the facts and why
    const canSetUp = can('settings:write') && fixedReasons.length < setupKeys.length;
    const reasonOf = (key: keyof FixedSettings) => (data.fixed[key] ? <small className="muted fixed-reason"><FixedReasonText reason={data.fixed[key]!} /></small> : null);
    const source = data.isSynthetic ? t('settings.store.synthetic')
      : data.dataAsOf ? t('settings.store.dataset', { date: format.date(data.dataAsOf) }) : t('settings.store.ownData');
    body = (
      <>
        {can('settings:write') ? <StoreNameForm name={data.name} onSaved={() => { settings.reload(); reloadShared(); }} /> : null}
        {canSetUp ? <StoreSetupForm settings={data} fixed={data.fixed} onSaved={() => { settings.reload(); reloadShared(); }} /> : null}
        <dl className="facts">
          {can('settings:write') ? null : <div><dt>{t('settings.store.name')}</dt><dd>{data.name || t('shell.unnamedStore')}</dd></div>}
          {canSetUp ? null : (
            <>
              <div><dt>{t('settings.store.currency')}</dt><dd>{data.currency} · {currencyName(data.currency, tag)}{reasonOf('currency')}</dd></div>
              <div><dt>{t('settings.store.timeZone')}</dt><dd>{data.timeZone}{reasonOf('timeZone')}</dd></div>
              <div><dt>{t('settings.store.defaultCountry')}</dt><dd>{countryLabel(data.defaultCountry, tag)}{reasonOf('defaultCountry')}</dd></div>
            </>
          )}
          <div><dt>{t('settings.store.data')}</dt><dd>{source}</dd></div>
          <div><dt>{t('settings.store.database')}</dt><dd>{t(`settings.store.databases.${data.store}`)}</dd></div>
        </dl>
        {fixedReasons.some((reason) => startsOver.has(reason.code)) ? <p className="muted small">{t('settings.store.startNew')}</p> : null}
      </>
    );
  }
  return (
    <SettingsLayout>
      <div className="settings-grid">
        <Card title={t('settings.store.title')}>{body}</Card>
        {/* keyed by the currency: the rates are into it, and a currency change removes them */}
        <ExchangeRatesCard key={settings.data?.currency ?? ''} canEdit={can('settings:write')} />
      </div>
    </SettingsLayout>
  );
}
