import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { parseDecimal } from '../customers/parse-amount.js';
import { currencyName } from './currency-name.js';
import { rateChange } from './rate-change.js';

type Rates = { storeCurrency: string; items: Array<{ currency: string; rate: number }> };

/**
 * Rates into the store currency. An order in another currency is converted with the rate stored
 * when it arrives, or rejected without one; a new rate applies to orders from then on.
 */
export function ExchangeRatesCard({ canEdit }: { canEdit: boolean }) {
  const { t, locale, format } = useI18n();
  const tag = intlTagByLocale[locale];
  const rates = useApiData<Rates>('/api/settings/rates');
  const [currency, setCurrency] = useState('');
  const [rate, setRate] = useState('');
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // a rate far from the one in force waits for a second click: the reading is shown beside it
  const [isFarConfirmed, setIsFarConfirmed] = useState(false);

  const code = currency.trim().toUpperCase();
  // typed the reader's way: "16.250" is sixteen thousand in Indonesian and sixteen in English
  const parsed = rate.trim() === '' ? null : parseDecimal(rate, tag);
  const isUnreadable = rate.trim() !== '' && (parsed === null || parsed <= 0);
  const previous = rates.data?.items.find((item) => item.currency === code)?.rate ?? null;
  const change = parsed !== null && parsed > 0 ? rateChange(previous, parsed) : { isFar: false as const };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(null);
    if (parsed === null || parsed <= 0) return;
    if (change.isFar && !isFarConfirmed) {
      setIsFarConfirmed(true);
      return;
    }
    try {
      await api.put(`/api/settings/rates/${encodeURIComponent(code)}`, { rate: parsed });
      setSaved(code);
      setCurrency('');
      setRate('');
      setIsFarConfirmed(false);
      rates.reload();
    } catch (caught) {
      setError(caught as Error);
    }
  };

  const rateText = (value: number) => new Intl.NumberFormat(tag, { maximumFractionDigits: 10 }).format(value);
  let body;
  if (rates.error) body = <ErrorMessage error={rates.error} />;
  else if (!rates.data) body = <LoadingState />;
  else if (rates.data.items.length === 0) body = <p className="empty-state">{t('settings.rates.none', { currency: rates.data.storeCurrency })}</p>;
  else {
    const store = rates.data.storeCurrency;
    body = (
      <ul className="rate-list">
        {rates.data.items.map((item) => (
          <li key={item.currency}>
            <strong>1 {item.currency} = {rateText(item.rate)} {store}</strong>
            <span className="muted small"> {currencyName(item.currency, tag)}</span>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <Card title={t('settings.rates.title')}>
      <p className="muted small">{t('settings.rates.intro')}</p>
      {body}
      {canEdit ? (
        <form className="inline-form" onSubmit={submit}>
          <label className="field">
            <span>{t('settings.rates.currency')}</span>
            <input required size={5} maxLength={3} pattern="[A-Za-z]{3}" autoComplete="off" value={currency} onChange={(event) => { setCurrency(event.target.value); setIsFarConfirmed(false); }} />
          </label>
          <label className="field">
            <span>{t('settings.rates.rate', { currency: rates.data?.storeCurrency ?? '' })}</span>
            <input required inputMode="decimal" autoComplete="off" aria-invalid={isUnreadable || undefined} aria-describedby="rate-reading"
              value={rate} onChange={(event) => { setRate(event.target.value); setIsFarConfirmed(false); }} />
          </label>
          <button type="submit" className={change.isFar && isFarConfirmed ? 'button-danger' : 'button-primary'} disabled={isUnreadable}>
            {change.isFar && isFarConfirmed ? t('settings.rates.setAnyway') : t('settings.rates.set')}
          </button>
        </form>
      ) : null}
      {canEdit ? (
        <p id="rate-reading" className={isUnreadable || (change.isFar && isFarConfirmed) ? 'inline-error small' : 'muted small'} role={change.isFar && isFarConfirmed ? 'alert' : undefined}>
          {isUnreadable ? t('settings.rates.unreadable')
            : parsed !== null && code.length === 3 ? t('settings.rates.reading', { currency: code, rate: rateText(parsed), store: rates.data?.storeCurrency ?? '' })
              : ''}
          {change.isFar && isFarConfirmed && previous !== null
            ? ` ${t(change.direction === 'lower' ? 'settings.rates.farLower' : 'settings.rates.farHigher', { factor: format.number(change.factor), previous: rateText(previous) })}` : ''}
        </p>
      ) : null}
      {saved ? <p className="notice-success" role="status">{t('settings.rates.saved', { currency: saved })}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
    </Card>
  );
}
