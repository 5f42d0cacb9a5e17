import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { LanguagePicker } from '../../components/language-picker.js';
import { useSession } from './session-context.js';

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, state } = useSession();
  const hasSessionEnded = state.status === 'signed-out' && state.hasSessionEnded === true;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    setErrorKey(null);
    try {
      await signIn(email, password);
    } catch (error) {
      // Wrong email and wrong password read the same on purpose: the server does not say which.
      setErrorKey(error instanceof ApiError && error.status === 429 ? 'signIn.tooManyAttempts' : error instanceof ApiError && error.status === 401 ? 'signIn.wrongCredentials' : 'signIn.failed');
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <main className="sign-in" id="main">
      <form className="sign-in-form card" onSubmit={submit} aria-labelledby="sign-in-title">
        <div className="sign-in-top">
          <p className="brand">{t('shell.productName')}</p>
          <LanguagePicker />
        </div>
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        {hasSessionEnded ? <p className="notice" role="status">{t('signIn.sessionEnded')}</p> : null}
        <label className="field">
          <span>{t('signIn.email')}</span>
          {/* the page's one task: typing starts here, also after signing out or a session ending under a form */}
          <input type="email" autoComplete="username" required autoFocus value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {errorKey ? <p className="error-message" role="alert">{t(errorKey)}</p> : null}
        <button type="submit" className="button-primary" disabled={isBusy}>{isBusy ? t('signIn.signingIn') : t('signIn.submit')}</button>
        <p className="muted small">{t('signIn.forgot')}</p>
      </form>
    </main>
  );
}
