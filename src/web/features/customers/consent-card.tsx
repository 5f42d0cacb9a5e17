import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Customer, CustomerDetail } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { consentSinceText } from './consent-since-text.js';
import { areAllLive, changedFields, liveEdits, shownValues, withEdit, type FieldEdits } from './field-edits.js';

const consents = [
  { field: 'consent_email', body: 'consentEmail', proof: 'email' },
  { field: 'consent_sms', body: 'consentSms', proof: 'sms' },
  { field: 'consent_whatsapp', body: 'consentWhatsapp', proof: 'whatsapp' },
  { field: 'consent_profiling', body: 'consentProfiling', proof: 'profiling' },
] as const;
type ConsentBody = (typeof consents)[number]['body'];

/** `onSaved` gets the customer as the save left them (the server's answer); `proofs`: since when each consent holds and through what. */
type ConsentCardProps = { customer: Customer; proofs?: CustomerDetail['consents']; canEdit: boolean; onSaved: (saved: CustomerDetail) => void };

const valueOf = (consent: boolean | null) => (consent === null ? '' : consent ? 'yes' : 'no');
const storedOf = (customer: Customer) => Object.fromEntries(consents.map(({ field, body }) => [body, valueOf(customer[field])])) as Record<ConsentBody, string>;

/**
 * "Unknown" (null) is kept distinct from "no": nobody asked is not the same as a refusal. A change is
 * saved only on Save, and said to be saved: a consent is a legal fact, never changed by a stray key.
 * The choices follow the stored answers: one a merge or its undo changed replaces the person's
 * unsaved choice for it, so Save never sends a grant over a refusal it did not see.
 */
export function ConsentCard({ customer, proofs, canEdit, onSaved }: ConsentCardProps) {
  const { t, format } = useI18n();
  const stored = storedOf(customer);
  const [edits, setEdits] = useState<FieldEdits<ConsentBody>>({});
  const [error, setError] = useState<Error | null>(null);
  const [isSaved, setIsSaved] = useState(false);
  // Save and Cancel are disabled or gone once there is nothing to save: focus goes to what was done,
  // or after a cancel to the first choice, not to the page's start
  const savedStatus = useRef<HTMLParagraphElement>(null);
  const formElement = useRef<HTMLFormElement>(null);
  useEffect(() => { if (isSaved) savedStatus.current?.focus(); }, [isSaved]);
  // a choice made over an answer since replaced is dropped for good, not revived by an undo
  useEffect(() => setEdits((current) => (areAllLive(current, storedOf(customer)) ? current : liveEdits(current, storedOf(customer)))), [customer]);
  const draft = shownValues(stored, edits);
  const changed = changedFields(stored, edits);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const saved = await api.patch<CustomerDetail>(`/api/customers/${customer.customer_id}`, Object.fromEntries(changed.map((body) => [body, draft[body] === '' ? null : draft[body] === 'yes'])));
      setEdits({});
      setIsSaved(true);
      onSaved(saved);
    } catch (caught) {
      setError(caught as Error);
    }
  };
  const facts = (
    <dl className={canEdit ? 'facts consent-choices' : 'facts'}>
      {consents.map(({ field, body, proof }) => {
        const since = consentSinceText(proofs?.[proof], { t, format });
        return (
          <div key={field}>
            <dt id={`consent-${field}`}>{t(`customer.consents.${body}`)}</dt>
            <dd>
              {canEdit ? (
                <select aria-labelledby={`consent-${field}`} value={draft[body]} onChange={(event) => { setEdits(withEdit(edits, stored, body, event.target.value)); setIsSaved(false); }}>
                  <option value="">{t('customer.consentUnknown')}</option>
                  <option value="yes">{t('common.yes')}</option>
                  <option value="no">{t('common.no')}</option>
                </select>
              ) : (
                t(customer[field] === null ? 'customer.consentUnknown' : customer[field] ? 'common.yes' : 'common.no')
              )}
              {since ? <span className="consent-since muted small">{since}</span> : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
  return (
    <Card title={t('customer.consent')}>
      {canEdit ? (
        <form ref={formElement} onSubmit={save}>
          {facts}
          <div className="button-row">
            <button type="submit" className="button-secondary" disabled={changed.length === 0}>{t('customer.consentSave')}</button>
            {changed.length > 0 ? <button type="button" className="button-quiet" onClick={() => { setEdits({}); formElement.current?.querySelector('select')?.focus(); }}>{t('common.cancel')}</button> : null}
          </div>
        </form>
      ) : facts}
      <p ref={savedStatus} role="status" tabIndex={-1} className="muted small">{isSaved && changed.length === 0 ? t('customer.consentSaved') : ''}</p>
      {error ? <ErrorMessage error={error} /> : null}
    </Card>
  );
}
