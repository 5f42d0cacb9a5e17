import { useState } from 'react';
import { api } from '../../api/client.js';
import type { Customer } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';

const consents = [
  { field: 'consent_email', body: 'consentEmail' },
  { field: 'consent_sms', body: 'consentSms' },
  { field: 'consent_profiling', body: 'consentProfiling' },
] as const;

type ConsentCardProps = { customer: Customer; canEdit: boolean; onSaved: () => void };

/** "Unknown" (null) is kept distinct from "no": nobody asked is not the same as a refusal. */
export function ConsentCard({ customer, canEdit, onSaved }: ConsentCardProps) {
  const { t } = useI18n();
  const [error, setError] = useState<Error | null>(null);
  const change = async (body: string, value: string) => {
    setError(null);
    try {
      await api.patch(`/api/customers/${customer.customer_id}`, { [body]: value === '' ? null : value === 'yes' });
      onSaved();
    } catch (caught) {
      setError(caught as Error);
    }
  };
  const valueOf = (consent: boolean | null) => (consent === null ? '' : consent ? 'yes' : 'no');
  return (
    <Card title={t('customer.consent')}>
      <dl className="facts">
        {consents.map(({ field, body }) => (
          <div key={field}>
            <dt id={`consent-${field}`}>{t(`customer.consents.${body}`)}</dt>
            <dd>
              {canEdit ? (
                <select aria-labelledby={`consent-${field}`} value={valueOf(customer[field])} onChange={(event) => void change(body, event.target.value)}>
                  <option value="">{t('customer.consentUnknown')}</option>
                  <option value="yes">{t('common.yes')}</option>
                  <option value="no">{t('common.no')}</option>
                </select>
              ) : (
                t(customer[field] === null ? 'customer.consentUnknown' : customer[field] ? 'common.yes' : 'common.no')
              )}
            </dd>
          </div>
        ))}
      </dl>
      {error ? <ErrorMessage error={error} /> : null}
    </Card>
  );
}
