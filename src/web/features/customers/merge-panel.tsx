import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Customer, CustomerDetail } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { actorLabel } from './actor-label.js';
import { blockingMergeOf } from './blocking-merge.js';
import { parseCustomerNumber, type CustomerNumberProblem } from './customer-number.js';
import { mergeFillLabel, mergeFillText, mergeFills } from './merge-fills.js';
import { mergeQuestion } from './merge-question.js';
import { intlTagByLocale } from '../../i18n/messages.js';

type MergeRecord = { merge_id: number; kept_customer_id: number; merged_customer_id: number; merged_at: string; merged_by: string; undone_at: string | null };

/** A merge asked for elsewhere on the page (the profile's "belongs to another customer"); `requestedAt` tells two asks for one customer apart. */
export type MergeRequest = { otherCustomerId: number; requestedAt: number };

/**
 * Two steps on purpose: look the other customer up and show who they are
 * before merging, since a merge moves all their orders here (undo is offered).
 * A request fills in the other customer and looks them up; merging stays a click here.
 */
export function MergePanel({ customer, onChanged, request }: { customer: Customer; onChanged: () => void; request?: MergeRequest | null }) {
  const customerId = customer.customer_id;
  const { t, format, locale } = useI18n();
  const otherIdInput = useRef<HTMLInputElement>(null);
  const merges = useApiData<{ items: MergeRecord[] }>(`/api/customers/${customerId}/merges`);
  const [otherId, setOtherId] = useState('');
  const [candidate, setCandidate] = useState<CustomerDetail | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [isSameCustomer, setIsSameCustomer] = useState(false);
  const [numberProblem, setNumberProblem] = useState<CustomerNumberProblem>(null);
  const problemId = useId();
  const questionId = useId();
  // what a merge or an undo did: the button pressed is gone with it, so focus goes to this sentence
  const [outcome, setOutcome] = useState<string | null>(null);
  const outcomeStatus = useRef<HTMLParagraphElement>(null);
  useEffect(() => { if (outcome !== null) outcomeStatus.current?.focus(); }, [outcome]);

  const run = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught as Error);
    }
  };
  const lookUpCustomer = (idText: string) => {
    setCandidate(null);
    setError(null);
    setOutcome(null);
    const { id, problem } = parseCustomerNumber(idText);
    setNumberProblem(problem);
    // the server refuses a merge into itself: say so here rather than offer a button that fails
    const isSelf = id === customerId;
    setIsSameCustomer(isSelf);
    if (id === null || isSelf) {
      otherIdInput.current?.focus();
      return;
    }
    void run(async () => setCandidate(await api.get<CustomerDetail>(`/api/customers/${id}`)));
  };
  const lookUp = (event: FormEvent) => {
    event.preventDefault();
    lookUpCustomer(otherId);
  };
  useEffect(() => {
    if (!request) return;
    setOtherId(String(request.otherCustomerId));
    lookUpCustomer(String(request.otherCustomerId));
    // the panel is the page's last card: brought up whole, with room for the preview below the number
    otherIdInput.current?.focus({ preventScroll: true });
    otherIdInput.current?.closest('section')?.scrollIntoView({ block: 'start' });
    // on a new request only: not again when the customer reloads
  }, [request]);
  const merge = () => run(async () => {
    if (!candidate) return;
    await api.post(`/api/customers/${customerId}/merge`, { otherCustomerId: candidate.customer.customer_id });
    setOutcome(t('merge.merged', { merged: candidate.customer.customer_id }));
    setCandidate(null);
    setOtherId('');
    merges.reload();
    onChanged();
  });
  const undo = (mergeId: number) => run(async () => {
    await api.post(`/api/merges/${mergeId}/undo`);
    const record = merges.data?.items.find((item) => item.merge_id === mergeId);
    // a blocking merge is another customer's, not in this list: the merge asked for can be tried again
    if (record) setOutcome(t('merge.undoneNow', { merged: record.merged_customer_id, kept: record.kept_customer_id }));
    else otherIdInput.current?.focus();
    merges.reload();
    onChanged();
  });

  // undoing the merge that took this one's customer elsewhere is what the refusal asks first
  const blockingMerge = blockingMergeOf(error);

  return (
    <Card title={t('merge.title')} className="card-wide">
      {/* noValidate: the app says what is wrong beside the field, in the reader's language, not the browser in its own */}
      <form className="inline-form" onSubmit={lookUp} noValidate>
        <label className="field">
          <span>{t('merge.otherCustomer')}</span>
          <input ref={otherIdInput} name="otherCustomerId" inputMode="numeric" autoComplete="off" required value={otherId}
            aria-invalid={numberProblem !== null || isSameCustomer} aria-describedby={numberProblem !== null || isSameCustomer ? problemId : undefined}
            onChange={(event) => { setOtherId(event.target.value); setIsSameCustomer(false); setNumberProblem(null); setCandidate(null); setError(null); }} />
        </label>
        <button type="submit" className="button-secondary">{t('merge.lookUp')}</button>
      </form>
      {numberProblem !== null ? <p id={problemId} className="inline-error" role="alert">{t(`merge.number.${numberProblem}`, { text: otherId.trim() })}</p> : null}
      {isSameCustomer ? <p id={problemId} className="inline-error" role="alert">{t('merge.sameCustomer', { id: customerId })}</p> : null}
      {/* kept in the page while empty: a live region only announces what changes inside it, and the focus stays in the number */}
      <div role="status">
        {candidate && candidate.customer.customer_id !== customerId ? (
          <div className="merge-preview" role="region" aria-label={t('merge.preview')}>
            <p id={questionId}>{mergeQuestion(candidate.customer, candidate.traits?.order_count ?? 0, { t, format, locale })}</p>
            <MergeFillsList fills={mergeFills(customer, candidate.customer)} />
            {/* the destructive button says whom it merges, also when reached on its own */}
            <button type="button" className="button-danger" aria-describedby={questionId} onClick={() => void merge()}>{t('merge.submit')}</button>
          </div>
        ) : null}
      </div>
      {outcome !== null ? <p ref={outcomeStatus} className="small" role="status" tabIndex={-1}>{outcome}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
      {blockingMerge !== null ? (
        <button type="button" className="button-secondary" onClick={() => void undo(blockingMerge)}>{t('merge.undoBlockingFirst', { blocking: blockingMerge })}</button>
      ) : null}
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

/** What the merge writes on this customer's profile, said before it is done: empty fields, and a consent the other refused. */
function MergeFillsList({ fills }: { fills: ReturnType<typeof mergeFills> }) {
  const { t, format, locale } = useI18n();
  if (fills.length === 0) return <p className="muted small">{t('merge.fillsNothing')}</p>;
  return (
    <>
      <p className="small">{t('merge.fills')}</p>
      <ul className="merge-fills small">
        {fills.map((fill) => <li key={fill.field}>{mergeFillLabel(fill.field, t)}: {mergeFillText(fill, t, format, intlTagByLocale[locale])}</li>)}
      </ul>
    </>
  );
}
