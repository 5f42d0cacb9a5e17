import { useEffect, useRef, useState } from 'react';
import { api, withQuery } from '../../api/client.js';
import type { Identity } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { AddIdentityForm } from './add-identity-form.js';
import { identityLabel } from './identity-label.js';
import { phoneText } from './phone-text.js';
import { isFocusLost } from './use-focus-on-close.js';

type IdentitiesCardProps = {
  identities: Identity[];
  /** With `onRemoved`, offers adding and removal: only to roles that may edit the customer (customers:write). */
  customerId?: number;
  canEdit?: boolean;
  /** After a removal or an addition: the profile may have lost its email or phone, and the timeline gained an entry. */
  onRemoved?: () => void;
};

const keyOf = (identity: Identity) => `${identity.kind}:${identity.namespace}:${identity.value}`;
// a phone number grouped as the profile card shows it (phoneText); what is removed is the stored value
const shownValue = (identity: Identity) => (identity.kind === 'phone' ? phoneText(identity.value) : identity.value);

export function IdentitiesCard({ identities, customerId, canEdit = false, onRemoved }: IdentitiesCardProps) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  // focus follows the question: to its answer when it opens, back to the Remove button that asked it
  // when it is cancelled, and to what was done when the removal is
  const confirmButton = useRef<HTMLButtonElement>(null);
  const removeButtons = useRef(new Map<string, HTMLButtonElement>());
  const removedStatus = useRef<HTMLParagraphElement>(null);
  const lastConfirming = useRef<string | null>(null);
  useEffect(() => {
    // again after a refused removal: its buttons were disabled while it was sent, which took focus from them
    if (confirming !== null && !isBusy) confirmButton.current?.focus();
    else if (confirming === null && lastConfirming.current !== null && isFocusLost()) removeButtons.current.get(lastConfirming.current)?.focus();
    lastConfirming.current = confirming;
  }, [confirming, isBusy]);
  useEffect(() => { if (removed !== null) removedStatus.current?.focus(); }, [removed]);
  const canRemove = canEdit && customerId !== undefined && onRemoved !== undefined;
  const remove = async (identity: Identity) => {
    setIsBusy(true);
    setError(null);
    try {
      const query = { kind: identity.kind, namespace: identity.kind === 'external' ? identity.namespace : undefined, value: identity.value };
      await api.delete(withQuery(`/api/customers/${customerId}/identities`, query));
      lastConfirming.current = null;
      setRemoved(t('customer.identityEntry.removed', { identity: identityLabel(identity, t), value: shownValue(identity) }));
      setConfirming(null);
      onRemoved?.();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <Card title={t('customer.identities')}>
      <ul className="identity-list">
        {identities.map((identity) => {
          // the prompt and the Remove buttons' names say the number as the list shows it
          const names = { identity: identityLabel(identity, t), value: shownValue(identity) };
          return (
            <li key={keyOf(identity)}>
              <span className="muted">{names.identity}</span>{' '}
              <span className="identity-value">{names.value}</span>
              {canRemove && confirming !== keyOf(identity) ? (
                <>
                  {' '}
                  <button ref={(button) => { if (button) removeButtons.current.set(keyOf(identity), button); else removeButtons.current.delete(keyOf(identity)); }}
                    type="button" className="button-quiet" aria-label={t('customer.identityRemoveLabel', names)} onClick={() => { setConfirming(keyOf(identity)); setError(null); setRemoved(null); }}>
                    {t('customer.identityRemove')}
                  </button>
                </>
              ) : null}
              {canRemove && confirming === keyOf(identity) ? (
                <div className="confirm-inline" role="group" aria-label={t('customer.identityRemoveLabel', names)}>
                  <p className="small">{t(identity.kind === 'external' ? 'customer.identityRemoveConfirm' : 'customer.identityRemoveConfirmContact', names)}</p>
                  <div className="button-row">
                    <button ref={confirmButton} type="button" className="button-danger" disabled={isBusy} onClick={() => void remove(identity)}>{t('customer.identityRemoveConfirmed')}</button>
                    <button type="button" className="button-quiet" disabled={isBusy} onClick={() => setConfirming(null)}>{t('common.cancel')}</button>
                  </div>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {removed !== null ? <p ref={removedStatus} className="small" role="status" tabIndex={-1}>{removed}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
      {canEdit && customerId !== undefined && onRemoved ? <AddIdentityForm customerId={customerId} identities={identities} onAdded={onRemoved} /> : null}
    </Card>
  );
}
