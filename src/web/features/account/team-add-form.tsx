import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { useApiAction } from '../../api/use-api-action.js';
import type { StaffUser } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { CopyOnce } from './copy-once.js';

type Created = { user: StaffUser; oneTimePassword: string | null };

/**
 * A new colleague gets a one-time password, shown here once, and chooses their own at first
 * sign-in; nobody else ever knows their password. The role starts at the one that may do least.
 * Focus goes to the password shown, or back to the first field when the server refuses.
 */
export function TeamAddForm({ roles, onAdded }: { roles: Array<StaffUser['role']>; onAdded: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffUser['role']>('analyst');
  const [created, setCreated] = useState<Created | null>(null);
  const { run, isBusy, error } = useApiAction();
  const nameField = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => { if (created) result.current?.focus(); }, [created]);
  useEffect(() => { if (error) nameField.current?.focus(); }, [error]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (isBusy) return;
    setCreated(null);
    await run(async () => {
      setCreated(await api.post<Created>('/api/users', { name: name.trim(), email: email.trim(), role }));
      setName('');
      setEmail('');
      onAdded();
    });
  };

  return (
    <>
      <form className="inline-form" onSubmit={submit}>
        <label className="field field-wide">
          <span>{t('settings.team.name')}</span>
          <input ref={nameField} required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label className="field field-wide">
          <span>{t('settings.team.email')}</span>
          <input type="email" required maxLength={254} autoComplete="off" value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('settings.team.role')}</span>
          <select value={role} onChange={(event) => setRole(event.target.value as StaffUser['role'])}>
            {roles.map((option) => <option key={option} value={option}>{t(`roles.${option}`)}</option>)}
          </select>
        </label>
        {/* aria-disabled, not disabled, while it is sent: a disabled button drops the keyboard's focus to the page's start */}
        <button type="submit" className="button-primary" aria-disabled={isBusy}>{t('settings.team.add')}</button>
      </form>
      {error ? <ErrorMessage error={error} /> : null}
      {created?.oneTimePassword ? (
        <div ref={result} tabIndex={-1}>
          <CopyOnce label={t('settings.team.oneTimePassword')} secret={created.oneTimePassword}
            explanation={t('settings.team.added', { name: created.user.name, email: created.user.email, address: window.location.origin })} />
        </div>
      ) : null}
    </>
  );
}
