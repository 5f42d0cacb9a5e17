import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from './session-context.js';

/** After a one-time password the server allows nothing else until the user picks their own. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { refresh, signOut } = useSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [error, setError] = useState<Error | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.post('/api/auth/password', { currentPassword, newPassword });
      await refresh();
    } catch (caught) {
      setError(caught as Error);
    }
  };

  return (
    <main className="sign-in" id="main">
      <form className="sign-in-form card" onSubmit={submit} aria-labelledby="password-title">
        <h1 id="password-title">{t('password.title')}</h1>
        <p>{t('password.explanation')}</p>
        <label className="field">
          <span>{t('password.current')}</span>
          <input type="password" autoComplete="current-password" required value={currentPassword} onChange={(event) => setCurrentPassword(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('password.new')}</span>
          <input type="password" autoComplete="new-password" required value={newPassword} onChange={(event) => setNewPassword(event.target.value)} />
        </label>
        {error ? <ErrorMessage error={error} /> : null}
        <button type="submit" className="button-primary">{t('password.submit')}</button>
        <button type="button" className="button-quiet" onClick={() => void signOut()}>{t('shell.signOut')}</button>
      </form>
    </main>
  );
}
