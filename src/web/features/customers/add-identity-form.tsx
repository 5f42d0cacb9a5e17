import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Identity } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { choiceLabel, IdentityEntryFields } from './identity-entry-fields.js';
import { useFocusOnClose } from './use-focus-on-close.js';
import {
  choiceOf, emptyIdentityEntry, entryProblemOf, identityChoices, identityInputOf, identityRefusalOf, isHeld,
  type IdentityEntry, type IdentityEntryProblem,
} from './identity-entry.js';

type AddIdentityFormProps = { customerId: number; identities: Identity[]; onAdded: () => void };

/**
 * Adds a loyalty card, another system's id, an email or a phone to a customer, through the same
 * PATCH the profile saves with (`identities`). One another customer has is named and linked under
 * the value, with whom to ask to merge; one the server cannot read is said under its part.
 */
export function AddIdentityForm({ customerId, identities, onAdded }: AddIdentityFormProps) {
  const { t } = useI18n();
  const { can } = useSession();
  const id = useId();
  const [entry, setEntry] = useState<IdentityEntry | null>(null);
  const [hasTriedSave, setHasTriedSave] = useState(false);
  // shown while the entry is as it was sent
  const [refused, setRefused] = useState<{ error: Error; entry: IdentityEntry } | null>(null);
  const [isSending, setIsSending] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const choices = useMemo(() => identityChoices(identities), [identities]);
  const addButton = useRef<HTMLButtonElement>(null);
  const formElement = useRef<HTMLFormElement>(null);
  const isOpen = entry !== null;
  useFocusOnClose(isOpen, addButton);
  useEffect(() => { if (isOpen) (formElement.current?.elements.namedItem(`${id}-kind`) as HTMLElement | null)?.focus(); }, [isOpen, id]);

  if (entry === null) {
    return (
      <div className="identity-add">
        {added ? <p className="small" role="status">{added}</p> : null}
        <button ref={addButton} type="button" className="button-secondary" onClick={() => { setEntry(emptyIdentityEntry); setAdded(null); setHasTriedSave(false); }}>
          {t('customer.identityEntry.add')}
        </button>
      </div>
    );
  }

  const refusal = refused !== null && refused.entry === entry ? identityRefusalOf(refused.error) : null;
  const localProblem = hasTriedSave ? entryProblemOf(entry) : null;
  const problem: IdentityEntryProblem | null = localProblem ?? (hasTriedSave && isHeld(entry, identities) ? { part: 'value', kind: 'alreadyHeld' } : null) ?? refusal?.problem ?? null;
  const otherError = refused !== null && refused.entry === entry && refusal === null ? refused.error : null;
  const canMerge = can('customers:merge');
  const takenHint = canMerge ? t('customer.fieldProblems.takenHint')
    : problem?.kind === 'taken' && problem.belongsTo !== null ? t('customer.fieldProblems.takenAskMerge', { customer: customerId, other: problem.belongsTo })
      : t('customer.fieldProblems.takenAskMergeUnnamed');

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSending) return;
    const form = event.currentTarget;
    setHasTriedSave(true);
    setRefused(null);
    const own = entryProblemOf(entry);
    if (own !== null || isHeld(entry, identities)) {
      (form.elements.namedItem(`${id}-${own?.part ?? 'value'}`) as HTMLElement | null)?.focus();
      return;
    }
    setIsSending(true);
    try {
      const identity = identityInputOf(entry);
      await api.patch(`/api/customers/${customerId}`, { identities: [identity] });
      setAdded(t('customer.identityEntry.added', { identity: choiceLabel(choiceOf(entry.choice), t), value: identity.value }));
      setEntry(null);
      onAdded();
    } catch (caught) {
      setRefused({ error: caught as Error, entry });
      const part = identityRefusalOf(caught as Error)?.problem.part;
      if (part) (form.elements.namedItem(`${id}-${part}`) as HTMLElement | null)?.focus();
    } finally {
      setIsSending(false);
    }
  };

  return (
    <form ref={formElement} className="stacked-form identity-add" aria-label={t('customer.identityEntry.add')} onSubmit={save} noValidate>
      <IdentityEntryFields id={id} entry={entry} choices={choices} problem={problem} takenHint={takenHint} onChange={setEntry} />
      {otherError ? <ErrorMessage error={otherError} /> : null}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={isSending}>{t('customer.identityEntry.addConfirmed')}</button>
        <button type="button" className="button-quiet" disabled={isSending} onClick={() => { setEntry(null); setRefused(null); }}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
