import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import { useApiAction } from '../../api/use-api-action.js';
import type { ApiKey } from '../../api/types.js';
import { ConfirmBox } from '../../components/confirm-box.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { apiKeyRevokeProblem } from '../../../auth/user-rules.js';
import { useMe } from '../auth/session-context.js';
import { isFocusLost, useFocusOnClose } from '../customers/use-focus-on-close.js';
import { apiKeyPrefixShown, revokeKeyLabel } from './row-action-labels.js';
import { suspendedScopesOf } from './suspended-scopes.js';

/**
 * One key; revoking it stops every request made with it at once, so it asks once more. A scope its
 * creator's role no longer grants is marked suspended: the key is refused it until someone who may
 * grant it makes a new key. A key made by another key says which: revoking that one revokes it too.
 * Focus is moved on purpose, as on a team row: into the question (its Cancel), back to Revoke after
 * Cancel or Escape, and after a revocation to the row's "Revoked on …", as nothing is left to press.
 */
export function ApiKeyRow({ apiKey, creatorName, onChanged }: { apiKey: ApiKey; creatorName: string | null; onChanged: () => void }) {
  const { t, format } = useI18n();
  const me = useMe();
  const [isConfirming, setIsConfirming] = useState(false);
  // revoked, until the list loaded again says so: the question stays, doing nothing, rather than offer Revoke again
  const [isRevoked, setIsRevoked] = useState(false);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const revokedStatus = useRef<HTMLSpanElement>(null);
  useFocusOnClose(isConfirming, revokeButton);
  // once the list loaded again shows the revocation this row asked for (the page keys a row by its key alone)
  useEffect(() => {
    if (apiKey.revokedAt === null || !isRevoked) return;
    if (isFocusLost()) revokedStatus.current?.focus();
  }, [apiKey.revokedAt, isRevoked]);
  // The server's rule, so the row says who may revoke rather than offering a button it refuses.
  const mayRevoke = apiKeyRevokeProblem(me, { apiKeyId: apiKey.apiKeyId, createdBy: apiKey.createdBy, creatorRole: apiKey.creator?.role ?? null }) === null;
  const { run, isBusy, error } = useApiAction();

  const revoke = () => {
    if (isBusy || isRevoked) return;
    void run(async () => {
      await api.delete(`/api/api-keys/${apiKey.apiKeyId}`);
      setIsRevoked(true);
      onChanged();
    });
  };

  const suspended = suspendedScopesOf(apiKey);
  // the button shows a short word; a screen reader, reading it out of its row, hears which key
  const revokeLabel = revokeKeyLabel(t, apiKey);
  const created = creatorName ? t('settings.apiKeys.createdOnBy', { date: format.date(apiKey.createdAt), name: creatorName }) : format.date(apiKey.createdAt);
  return (
    <tr className={apiKey.revokedAt ? 'is-disabled' : undefined}>
      <td><strong>{apiKey.name}</strong><div className="muted small"><code>{apiKeyPrefixShown(apiKey)}</code></div></td>
      <td>
        {apiKey.scopes.map((scope) => (suspended.includes(scope) ? t('settings.apiKeys.scopeSuspended', { scope: t(`settings.scopes.${scope}.name`) }) : t(`settings.scopes.${scope}.name`))).join(', ')}
        {suspended.length > 0 ? <div className="muted small" role="note">{t('settings.apiKeys.suspendedNote')}</div> : null}
      </td>
      <td>
        {created}
        {apiKey.createdByKey ? <div className="muted small">{t('settings.apiKeys.madeByKey', { name: apiKey.createdByKey.name })}</div> : null}
      </td>
      <td>{apiKey.lastUsedAt ? format.dateTime(apiKey.lastUsedAt) : t('settings.apiKeys.neverUsed')}</td>
      <td>
        {apiKey.revokedAt ? <span ref={revokedStatus} tabIndex={-1}>{t('settings.apiKeys.revokedOn', { date: format.date(apiKey.revokedAt) })}</span> : null}
        {!apiKey.revokedAt && !mayRevoke ? <span className="muted small">{t('settings.apiKeys.ownerOnlyRevoke')}</span> : null}
        {!apiKey.revokedAt && mayRevoke && !isConfirming ? <button ref={revokeButton} type="button" className="button-quiet" aria-label={revokeLabel} onClick={() => setIsConfirming(true)}>{t('settings.apiKeys.revoke')}</button> : null}
        {!apiKey.revokedAt && mayRevoke && isConfirming ? (
          <ConfirmBox title={revokeLabel} question={t('settings.apiKeys.confirmRevoke', { name: apiKey.name })} confirmLabel={t('settings.apiKeys.revokeConfirmed', { name: apiKey.name })}
            isBusy={isBusy || isRevoked} onConfirm={revoke} onCancel={() => setIsConfirming(false)} />
        ) : null}
        {error ? <ErrorMessage error={error} /> : null}
      </td>
    </tr>
  );
}
