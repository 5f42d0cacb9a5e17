import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, api } from '../../api/client.js';
import { useApiAction } from '../../api/use-api-action.js';
import type { StaffUser } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { normalizeEmail } from '../../../auth/staff-user.js';

type DetailField = 'name' | 'email';
type MemberDetailsFormProps = { member: StaffUser; displayName: string; onSaved: () => void; onCancel: () => void };

/** The field a refusal is about, when it is one of this form's: its message is shown under that field. */
function detailFieldOf(error: Error | null): DetailField | null {
  return error instanceof ApiError && (error.field === 'name' || error.field === 'email') ? error.field : null;
}

/**
 * A staff member's name and the email they sign in with. Only what changed is sent; the name starts
 * focused, a refusal about a field is shown under it and focuses it, and the row takes focus back on
 * Save or Cancel.
 */
export function MemberDetailsForm({ member, displayName, onSaved, onCancel }: MemberDetailsFormProps) {
  const { t } = useI18n();
  const [name, setName] = useState(member.name);
  const [email, setEmail] = useState(member.email);
  const [isNameBlank, setIsNameBlank] = useState(false);
  const { run, isBusy, error } = useApiAction();
  const nameField = useRef<HTMLInputElement>(null);
  const emailField = useRef<HTMLInputElement>(null);
  const id = useId();
  const problemId = (field: DetailField) => `${id}-${field}-problem`;
  const emailHelpId = `${id}-email-help`;
  const refusedField = detailFieldOf(error);

  useEffect(() => {
    nameField.current?.focus();
  }, []);
  useEffect(() => {
    if (refusedField) (refusedField === 'name' ? nameField : emailField).current?.focus();
  }, [error, refusedField]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // the first owner starts without a name: leaving it blank is allowed only while it still is
    const isBlank = name.trim() === '' && member.name.trim() !== '';
    setIsNameBlank(isBlank);
    if (isBlank) {
      nameField.current?.focus();
      return;
    }
    const change: { name?: string; email?: string } = {};
    if (name.trim() !== member.name) change.name = name.trim();
    if (normalizeEmail(email) !== member.email) change.email = email.trim();
    if (Object.keys(change).length === 0) {
      onCancel();
      return;
    }
    await run(async () => {
      await api.patch(`/api/users/${member.userId}`, change);
      onSaved();
    });
  };

  const describedBy = (field: DetailField, ...others: string[]) =>
    [...others, ...((field === 'name' && isNameBlank) || refusedField === field ? [problemId(field)] : [])].join(' ') || undefined;

  return (
    <form className="stacked-form" onSubmit={submit} noValidate aria-label={t('settings.team.detailsOf', { name: displayName })}>
      <label className="field">
        <span>{t('settings.team.name')}</span>
        <input ref={nameField} name="name" maxLength={200} autoComplete="off" value={name}
          aria-invalid={isNameBlank || refusedField === 'name' ? true : undefined} aria-describedby={describedBy('name')}
          onChange={(event) => { setName(event.target.value); setIsNameBlank(false); }} />
      </label>
      {isNameBlank ? <p id={problemId('name')} className="inline-error field-help" role="alert">{t('errors.codes.USER_NAME_INVALID')}</p> : null}
      {refusedField === 'name' ? <div id={problemId('name')}><ErrorMessage error={error!} /></div> : null}
      <label className="field">
        <span>{t('settings.team.email')}</span>
        <input ref={emailField} name="email" type="email" maxLength={254} autoComplete="off" value={email}
          aria-invalid={refusedField === 'email' ? true : undefined} aria-describedby={describedBy('email', emailHelpId)}
          onChange={(event) => setEmail(event.target.value)} />
      </label>
      <p id={emailHelpId} className="muted small">{t('settings.team.emailHelp')}</p>
      {refusedField === 'email' ? <div id={problemId('email')}><ErrorMessage error={error!} /></div> : null}
      {error && !refusedField ? <ErrorMessage error={error} /> : null}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={isBusy}>{t('common.save')}</button>
        <button type="button" className="button-quiet" disabled={isBusy} onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
