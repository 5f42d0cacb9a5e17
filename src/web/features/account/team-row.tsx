import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import { useApiAction } from '../../api/use-api-action.js';
import type { StaffUser } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { CopyOnce } from './copy-once.js';
import { MemberDetailsForm } from './member-details-form.js';
import { personName } from './person-name.js';
import type { UserControls } from './user-controls.js';

type TeamRowProps = { member: StaffUser; isSelf: boolean; controls: UserControls; canEditDetails: boolean; onChanged: () => void };

/**
 * One staff member: a role change is saved only on Save, disabling asks once more (it signs the
 * person out everywhere at once), and a row the signed-in person may not change says why. Name and
 * email are edited in a small form in place of them, which gives focus back to its Edit button.
 */
export function TeamRow({ member, isSelf, controls, canEditDetails, onChanged }: TeamRowProps) {
  const { t, format } = useI18n();
  const session = useSession();
  const name = personName(member);
  const [isEditingDetails, setIsEditingDetails] = useState(false);
  const [areDetailsSaved, setAreDetailsSaved] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const shouldFocusEdit = useRef(false);
  useEffect(() => {
    if (isEditingDetails || !shouldFocusEdit.current) return;
    shouldFocusEdit.current = false;
    editButton.current?.focus();
  }, [isEditingDetails]);
  const closeDetails = (isSaved: boolean) => {
    shouldFocusEdit.current = true;
    setIsEditingDetails(false);
    setAreDetailsSaved(isSaved);
    if (!isSaved) return;
    onChanged();
    // one's own name and email are shown in the header and on the account page too
    if (isSelf) void session.refresh();
  };
  const [draftRole, setDraftRole] = useState(member.role);
  const [isConfirmingDisable, setIsConfirmingDisable] = useState(false);
  const [isConfirmingReset, setIsConfirmingReset] = useState(false);
  const [newOneTimePassword, setNewOneTimePassword] = useState<string | null>(null);
  const { run, isBusy, error } = useApiAction();

  const change = (body: { role?: StaffUser['role']; disabled?: boolean }) => run(async () => {
    await api.patch(`/api/users/${member.userId}`, body);
    setIsConfirmingDisable(false);
    onChanged();
  });

  const resetPassword = () => run(async () => {
    const result = await api.post<{ oneTimePassword: string }>(`/api/users/${member.userId}/reset-password`);
    setNewOneTimePassword(result.oneTimePassword);
    setIsConfirmingReset(false);
    onChanged();
  });

  const status = member.disabledAt ? t('settings.team.disabledSince', { date: format.date(member.disabledAt) })
    : member.mustChangePassword ? t('settings.team.awaitingPassword') : t('settings.team.active');

  return (
    <tr className={member.disabledAt ? 'is-disabled' : undefined}>
      <td>
        {isEditingDetails ? (
          <MemberDetailsForm member={member} displayName={name} onSaved={() => closeDetails(true)} onCancel={() => closeDetails(false)} />
        ) : (
          <>
            <strong>{name}</strong>{isSelf ? <span className="muted"> · {t('settings.team.you')}</span> : null}
            {name === member.email ? null : <div className="muted small">{member.email}</div>}
            {canEditDetails ? (
              <button ref={editButton} type="button" className="button-quiet" aria-label={t('settings.team.editDetailsOf', { name })}
                onClick={() => { setAreDetailsSaved(false); setIsEditingDetails(true); }}>{t('common.edit')}</button>
            ) : null}
            {areDetailsSaved ? <p className="notice-success small" role="status">{t('settings.team.detailsSaved')}</p> : null}
          </>
        )}
      </td>
      <td>
        {controls.roles.length > 0 ? (
          <div className="inline-form">
            <select aria-label={t('settings.team.roleOf', { name })} value={draftRole} disabled={isBusy}
              onChange={(event) => setDraftRole(event.target.value as StaffUser['role'])}>
              {controls.roles.map((role) => <option key={role} value={role}>{t(`roles.${role}`)}</option>)}
            </select>
            {draftRole !== member.role ? (
              <>
                <button type="button" className="button-primary" disabled={isBusy} onClick={() => void change({ role: draftRole })}>{t('settings.team.saveRole')}</button>
                <button type="button" className="button-quiet" disabled={isBusy} onClick={() => setDraftRole(member.role)}>{t('common.cancel')}</button>
              </>
            ) : null}
          </div>
        ) : (
          <>
            {t(`roles.${member.role}`)}
            {controls.lockReason ? <div className="muted small">{t(`settings.team.locked.${controls.lockReason}`)}</div> : null}
          </>
        )}
      </td>
      <td>{status}</td>
      <td>
        {controls.canEnable ? <button type="button" className="button-secondary" disabled={isBusy} onClick={() => void change({ disabled: false })}>{t('settings.team.enable')}</button> : null}
        {controls.canDisable && !isConfirmingDisable
          ? <button type="button" className="button-quiet" disabled={isBusy} onClick={() => setIsConfirmingDisable(true)}>{t('settings.team.disable')}</button> : null}
        {isConfirmingDisable ? (
          <div className="confirm-inline" role="group" aria-label={t('settings.team.disable')}>
            <p className="small">{t('settings.team.confirmDisable', { name })}</p>
            <div className="button-row">
              <button type="button" className="button-danger" disabled={isBusy} onClick={() => void change({ disabled: true })}>{t('settings.team.disableConfirmed', { name })}</button>
              <button type="button" className="button-quiet" disabled={isBusy} onClick={() => setIsConfirmingDisable(false)}>{t('common.cancel')}</button>
            </div>
          </div>
        ) : null}
        {controls.canResetPassword && !isConfirmingReset && !isConfirmingDisable
          ? <button type="button" className="button-quiet" disabled={isBusy} onClick={() => { setNewOneTimePassword(null); setIsConfirmingReset(true); }}>{t('settings.team.resetPassword')}</button> : null}
        {isConfirmingReset ? (
          <div className="confirm-inline" role="group" aria-label={t('settings.team.resetPassword')}>
            <p className="small">{t('settings.team.confirmReset', { name })}</p>
            <div className="button-row">
              <button type="button" className="button-danger" disabled={isBusy} onClick={() => void resetPassword()}>{t('settings.team.resetConfirmed', { name })}</button>
              <button type="button" className="button-quiet" disabled={isBusy} onClick={() => setIsConfirmingReset(false)}>{t('common.cancel')}</button>
            </div>
          </div>
        ) : null}
        {newOneTimePassword ? (
          <CopyOnce label={t('settings.team.oneTimePassword')} secret={newOneTimePassword}
            explanation={t('settings.team.resetDone', { name, email: member.email, address: window.location.origin })} />
        ) : null}
        {error ? <ErrorMessage error={error} /> : null}
      </td>
    </tr>
  );
}
