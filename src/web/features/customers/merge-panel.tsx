import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Customer, CustomerDetail } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { actorLabel } from './actor-label.js';
import { customerLabel } from './customer-label.js';
import { mergeFillText, mergeFills } from './merge-fills.js';
import { intlTagByLocale } from '../../i18n/messages.js';

type MergeRecord = { merge_id: number; kept_customer_id: number; merged_customer_id: number; merged_at: string; merged_by: string; undone_at: string | null };

/**
 * Two steps on purpose: look the other customer up and show who they are
 * before merging, since a merge moves all their orders here (undo is offered).
 */
export function MergePanel({ customer, onChanged }: { customer: Customer; onChanged: () => void }) {
  const customerId = customer.customer_id;
  const { t, format } = useI18n();
  const merges = useApiData<{ items: MergeRecord[] }>(`/api/customers/${customerId}/merges`);
  const [otherId, setOtherId] = useState('');
  const [candidate, setCandidate] = useState<CustomerDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [isSameCustomer, setIsSameCustomer] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught as Error);
    }
  };
  const lookUp = (event: FormEvent) => {
    event.preventDefault();
    setCandidate(null);
    // the server refuses a merge into itself: say so here rather than offer a button that fails
    const isSelf = Number(otherId) === customerId;
    setIsSameCustomer(isSelf);
    setError(null);
    if (isSelf) return;
    void run(async () => setCandidate(await api.get<CustomerDetail>(`/api/customers/${Number(otherId)}`)));
  };
  const merge = () => run(async () => {
    if (!candidate) return;
    await api.post(`/api/customers/${customerId}/merge`, { otherCustomerId: candidate.customer.customer_id });
    setCandidate(null);
    setOtherId('');
    merges.reload();
    onChanged();
  });
  const undo = (mergeId: number) => run(async () => {
    await api.post(`/api/merges/${mergeId}/undo`);
    merges.reload();
    onChanged();
  });

  return (
    <Card title={t('merge.title')} className="card-wide">
      <form className="inline-form" onSubmit={lookUp}>
        <label className="field">
          <span>{t('merge.otherCustomer')}</span>
          <input name="otherCustomerId" inputMode="numeric" pattern="[0-9]+" required value={otherId}
            onChange={(event) => { setOtherId(event.target.value); setIsSameCustomer(false); setCandidate(null); setError(null); }} />
        </label>
        <button type="submit" className="button-secondary">{t('merge.lookUp')}</button>
      </form>
      {isSameCustomer ? <p className="inline-error" role="alert">{t('merge.sameCustomer', { id: customerId })}</p> : null}
      {candidate && candidate.customer.customer_id !== customerId ? (
        <div className="merge-preview" role="region" aria-label={t('merge.preview')}>
          <p>{t('merge.confirm', { other: customerLabel(candidate.customer, t), id: candidate.customer.customer_id, orders: format.number(candidate.traits?.order_count ?? 0) })}</p>
          <MergeFillsList fills={mergeFills(customer, candidate.customer)} />
          <button type="button" className="button-danger" onClick={() => void merge()}>{t('merge.submit')}</button>
        </div>
      ) : null}
      {error ? <ErrorMessage error={error} /> : null}
      {merges.data && merges.data.items.length > 0 ? (
        <ul className="merge-list">
          {merges.data.items.map((record) => (
            <li key={record.merge_id}>
              {t('merge.record', { kept: record.kept_customer_id, merged: record.merged_customer_id, at: format.dateTime(record.merged_at), by: actorLabel(record.merged_by, t) })}
              {record.undone_at ? <span className="muted"> · {t('merge.undone', { at: format.dateTime(record.undone_at) })}</span>
                : <button type="button" className="button-quiet" onClick={() => void undo(record.merge_id)}>{t('merge.undo')}</button>}
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

/** What the merge writes on this customer's profile, said before it is done: only empty fields are filled. */
function MergeFillsList({ fills }: { fills: ReturnType<typeof mergeFills> }) {
  const { t, format, locale } = useI18n();
  if (fills.length === 0) return <p className="muted small">{t('merge.fillsNothing')}</p>;
  return (
    <>
      <p className="small">{t('merge.fills')}</p>
      <ul className="merge-fills small">
        {fills.map((fill) => <li key={fill.field}>{t(`importFields.customers.${fill.field}.label`)}: {mergeFillText(fill, t, format, intlTagByLocale[locale])}</li>)}
      </ul>
    </>
  );
}
