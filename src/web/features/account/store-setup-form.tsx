import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { FixedSettings, StoreSettings } from '../../api/types.js';
import { useApiAction } from '../../api/use-api-action.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { currencyChoices, phoneCountryChoices, timeZoneChoices, type Choice } from './store-setup-choices.js';
import { FixedReasonText } from './fixed-reason-text.js';

type SetupKey = keyof FixedSettings;
type Saved = StoreSettings & { ratesCleared: string[]; changed: Partial<Record<string, { from: string; to: string }>> };

/**
 * The store's currency, time zone and phone country, each a choice while nothing stored depends on
 * it; one that is fixed is shown with why (the server decides: GET /api/settings `fixed`).
 */
export function StoreSetupForm({ settings, fixed, onSaved }: { settings: StoreSettings; fixed: FixedSettings; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const tag = intlTagByLocale[locale];
  const [draft, setDraft] = useState({ currency: settings.currency, timeZone: settings.timeZone, defaultCountry: settings.defaultCountry });
  const [saved, setSaved] = useState<Saved | null>(null);
  const { run, isBusy, error } = useApiAction();
  const choices = useMemo<Record<SetupKey, Choice[]>>(() => ({
    currency: currencyChoices(tag),
    timeZone: timeZoneChoices(settings.timeZone),
    defaultCountry: phoneCountryChoices(tag, settings.defaultCountry),
  }), [tag, settings.timeZone, settings.defaultCountry]);

  const changes = (Object.keys(draft) as SetupKey[]).filter((key) => !fixed[key] && draft[key] !== settings[key]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    await run(async () => {
      const result = await api.patch<Saved>('/api/settings', Object.fromEntries(changes.map((key) => [key, draft[key]])));
      setSaved(result);
      onSaved();
    });
  };

  const field = (key: SetupKey, label: string) => (
    <label className="field field-wide" key={key}>
      <span>{label}</span>
      <select value={draft[key]} disabled={fixed[key] !== null} aria-describedby={fixed[key] ? `fixed-${key}` : undefined}
        onChange={(event) => { setSaved(null); setDraft({ ...draft, [key]: event.target.value }); }}>
        {choices[key].map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
      </select>
      {fixed[key] ? <small id={`fixed-${key}`} className="muted"><FixedReasonText reason={fixed[key]!} /></small> : null}
    </label>
  );

  return (
    <form className="store-setup" aria-label={t('settings.store.setupTitle')} onSubmit={submit}>
      <p className="muted small">{t('settings.store.setupIntro')}</p>
      <div className="inline-form">
        {field('currency', t('settings.store.currency'))}
        {field('timeZone', t('settings.store.timeZone'))}
        {field('defaultCountry', t('settings.store.defaultCountry'))}
      </div>
      <button type="submit" className="button-primary" disabled={isBusy || changes.length === 0}>{t('settings.store.saveSetup')}</button>
      {saved ? (
        <p className="notice-success" role="status">
          {t('settings.store.setupSaved')}
          {saved.ratesCleared.length > 0 ? ` ${t('settings.store.ratesCleared', { currency: saved.changed.currency?.from ?? '', currencies: saved.ratesCleared.join(', ') })}` : ''}
        </p>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}
