import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import { useApiAction } from '../../api/use-api-action.js';
import type { StaffUser } from '../../api/types.js';
import { ConfirmBox } from '../../components/confirm-box.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { useFocusOnClose } from '../customers/use-focus-on-close.js';
import { CopyOnce } from './copy-once.js';
import { MemberDetailsForm } from './member-details-form.js';
import { personName } from './person-name.js';
import { teamRowLabels } from './row-action-labels.js';
import type { UserControls } from './user-controls.js';

type TeamRowProps = {
  member: StaffUser; isSelf: boolean; controls: UserControls; canEditDetails: boolean;
  /** After a change whose answer is not at hand: the page loads the team again. */
  onChanged: () => void;
  /** After a change: the person as the server now has them, shown at once. */
  onMemberChanged: (member: StaffUser) => void;
  /** What a change came to, in words, for the page's status region. */
  onAnnounce: (text: string) => void;
};

/** The control that takes focus once a change is shown: the one that would undo or redo it. */
type FocusAfter = 'role' | 'enable' | 'disable' | 'password';

/**
 * One staff member: a role change is saved only on Save, disabling asks once more (it signs the
 * person out everywhere at once), and a row the signed-in person may not change says why. Name and
 * email are edited in a small form in place of them, which gives focus back to its Edit button.
 * Buttons are `aria-disabled`, not disabled, while a change is sent, and a question's buttons go with
 * it, so focus is moved on purpose: to the question's Cancel, back to the button that asked, and after
 * a change to the row's next control for it (Enable after Disable) or the one-time password shown.
 */
export function TeamRow({ member, isSelf, controls, canEditDetails, onChanged, onMemberChanged, onAnnounce }: TeamRowProps) {
  const { t, format } = useI18n();
  const session = useSession();
  const name = personName(member);
  // each control names the person (and their email) for a screen reader; the button shows a short word
  const labels = teamRowLabels(t, member);
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
    // the row says this one itself; an older change's words in the card would read as this one's
    onAnnounce('');
    onChanged();
    // one's own name and email are shown in the header and on the account page too
    if (isSelf) void session.refresh();
  };
  const [draftRole, setDraftRole] = useState(member.role);
  const [isConfirmingDisable, setIsConfirmingDisable] = useState(false);
  const [isConfirmingReset, setIsConfirmingReset] = useState(false);
  const [newOneTimePassword, setNewOneTimePassword] = useState<string | null>(null);
  const { run, isBusy, error } = useApiAction();
  // another person's change, loaded with the team, leaves no stale draft behind
  useEffect(() => setDraftRole(member.role), [member.role]);

  const roleSelect = useRef<HTMLSelectElement>(null);
  const disableButton = useRef<HTMLButtonElement>(null);
  const enableButton = useRef<HTMLButtonElement>(null);
  const resetButton = useRef<HTMLButtonElement>(null);
  const oneTimePasswordShown = useRef<HTMLDivElement>(null);
  const focusAfter = useRef<FocusAfter | null>(null);
  // declared before the questions' own focus return, so a done change's target wins over the opener
  useEffect(() => {
    if (focusAfter.current === null || isBusy) return;
    const targets = { role: roleSelect, enable: enableButton, disable: disableButton, password: oneTimePasswordShown };
    targets[focusAfter.current].current?.focus();
    focusAfter.current = null;
  });
  useFocusOnClose(isConfirmingDisable, disableButton);
  useFocusOnClose(isConfirmingReset, resetButton);

  const finish = (changed: StaffUser, focus: FocusAfter, announcement: string) => {
    focusAfter.current = focus;
    setAreDetailsSaved(false);
    setDraftRole(changed.role);
    onMemberChanged(changed);
    onAnnounce(announcement);
  };

  const change = (body: { role?: StaffUser['role']; disabled?: boolean }) => {
    if (isBusy) return;
    void run(async () => {
      const { user } = await api.patch<{ user: StaffUser }>(`/api/users/${member.userId}`, body);
      setIsConfirmingDisable(false);
      if (body.disabled === true) setNewOneTimePassword(null);
      if (body.role) finish(user, 'role', t('settings.team.roleSaved', { name, role: t(`roles.${user.role}`) }));
      else if (body.disabled) finish(user, 'enable', t('settings.team.disabledStatus', { name }));
      else finish(user, 'disable', t('settings.team.enabledStatus', { name }));
    });
  };

  const resetPassword = () => {
    if (isBusy) return;
    void run(async () => {
      const result = await api.post<{ user: StaffUser; oneTimePassword: string }>(`/api/users/${member.userId}/reset-password`);
      setNewOneTimePassword(result.oneTimePassword);
      setIsConfirmingReset(false);
      finish(result.user, 'password', t('settings.team.resetStatus', { name }));
    });
  };

  const cancelRole = () => {
    setDraftRole(member.role);
    // Save and Cancel go with the draft
    roleSelect.current?.focus();
  };

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
              <button ref={editButton} type="button" className="button-quiet" aria-label={labels.editDetails}
                onClick={() => { setAreDetailsSaved(false); setIsEditingDetails(true); }}>{t('common.edit')}</button>
            ) : null}
            {areDetailsSaved ? <p className="notice-success small" role="status">{t('settings.team.detailsSaved')}</p> : null}
          </>
        )}
      </td>
      <td>
        {controls.roles.length > 0 ? (
          <div className="inline-form">
            <select ref={roleSelect} aria-label={labels.role} value={draftRole} aria-disabled={isBusy}
              onChange={(event) => { if (!isBusy) setDraftRole(event.target.value as StaffUser['role']); }}>
              {controls.roles.map((role) => <option key={role} value={role}>{t(`roles.${role}`)}</option>)}
            </select>
            {draftRole !== member.role ? (
              <>
                <button type="button" className="button-primary" aria-label={labels.saveRole} aria-disabled={isBusy} onClick={() => change({ role: draftRole })}>{t('settings.team.saveRole')}</button>
                <button type="button" className="button-quiet" aria-label={labels.cancelRole} aria-disabled={isBusy} onClick={() => { if (!isBusy) cancelRole(); }}>{t('common.cancel')}</button>
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
        {controls.canEnable ? (
          <button ref={enableButton} type="button" className="button-secondary" aria-label={labels.enable} aria-disabled={isBusy} onClick={() => change({ disabled: false })}>{t('settings.team.enable')}</button>
        ) : null}
        {controls.canDisable && !isConfirmingDisable ? (
          <button ref={disableButton} type="button" className="button-quiet" aria-label={labels.disable} aria-disabled={isBusy}
            onClick={() => { if (!isBusy) { setIsConfirmingReset(false); setIsConfirmingDisable(true); } }}>{t('settings.team.disable')}</button>
        ) : null}
        {isConfirmingDisable ? (
          <ConfirmBox title={labels.disable} question={t('settings.team.confirmDisable', { name })} confirmLabel={t('settings.team.disableConfirmed', { name })}
            isBusy={isBusy} onConfirm={() => change({ disabled: true })} onCancel={() => setIsConfirmingDisable(false)} />
        ) : null}
        {controls.canResetPassword && !isConfirmingReset && !isConfirmingDisable ? (
          <button ref={resetButton} type="button" className="button-quiet" aria-label={labels.resetPassword} aria-disabled={isBusy}
            onClick={() => { if (!isBusy) { setNewOneTimePassword(null); setIsConfirmingReset(true); } }}>{t('settings.team.resetPassword')}</button>
        ) : null}
        {isConfirmingReset ? (
          <ConfirmBox title={labels.resetPassword} question={t('settings.team.confirmReset', { name })} confirmLabel={t('settings.team.resetConfirmed', { name })}
            isBusy={isBusy} onConfirm={resetPassword} onCancel={() => setIsConfirmingReset(false)} />
        ) : null}
        {newOneTimePassword ? (
          <div ref={oneTimePasswordShown} tabIndex={-1}>
            <CopyOnce label={t('settings.team.oneTimePassword')} secret={newOneTimePassword}
              explanation={t('settings.team.resetDone', { name, email: member.email, address: window.location.origin })} />
          </div>
        ) : null}
        {error ? <ErrorMessage error={error} /> : null}
      </td>
    </tr>
  );
}
