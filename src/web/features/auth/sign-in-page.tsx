import { useId, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { LanguagePicker } from '../../components/language-picker.js';
import { signInProblem, signInRefusal, type FieldProblem, type SignInField, type SignInFocus } from './credential-problems.js';
import { useSession } from './session-context.js';
import { useFocusAfterSend } from './use-focus-after-send.js';

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, state } = useSession();
  const hasSessionEnded = state.status === 'signed-out' && state.hasSessionEnded === true;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const [fieldProblem, setFieldProblem] = useState<FieldProblem<SignInField> | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const emailField = useRef<HTMLInputElement>(null);
  const passwordField = useRef<HTMLInputElement>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const emailProblemId = useId();
  const passwordProblemId = useId();
  const errorId = useId();

  // what a refusal names is focused once it is shown: the submit button, disabled while sending, held focus
  const focusAfterSend = useFocusAfterSend<SignInFocus>(isBusy, { email: emailField, password: passwordField, submit: submitButton });

  const showFieldProblem = (problem: FieldProblem<SignInField>) => {
    setFieldProblem(problem);
    (problem.field === 'email' ? emailField : passwordField).current?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrorKey(null);
    setFieldProblem(null);
    focusAfterSend.current = null;
    const problem = signInProblem({ email, password });
    if (problem) {
      showFieldProblem(problem);
      return;
    }
    setIsBusy(true);
    try {
      await signIn(email, password);
    } catch (error) {
      // Wrong email and wrong password read the same on purpose: the server does not say which.
      const refusal = signInRefusal(error, { email, password });
      if (refusal.field) setFieldProblem({ field: refusal.field, key: refusal.key });
      else setErrorKey(refusal.key);
      focusAfterSend.current = refusal.focus;
    } finally {
      setIsBusy(false);
    }
  };
  const emailProblem = fieldProblem?.field === 'email' ? fieldProblem.key : null;
  const passwordProblem = fieldProblem?.field === 'password' ? fieldProblem.key : null;
  // "the email or password is not right" is read with the password field, where focus goes after it
  const passwordDescribedBy = [passwordProblem ? passwordProblemId : null, errorKey ? errorId : null].filter(Boolean).join(' ') || undefined;

  return (
    <main className="sign-in" id="main">
      <form className="sign-in-form card" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <div className="sign-in-top">
          <p className="brand">{t('shell.productName')}</p>
          <LanguagePicker />
        </div>
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        {hasSessionEnded ? <p className="notice" role="status">{t('signIn.sessionEnded')}</p> : null}
        <label className="field">
          <span>{t('signIn.email')}</span>
          {/* the page's one task: typing starts here, also after signing out or a session ending under a form */}
          <input ref={emailField} type="email" autoComplete="username" required autoFocus aria-invalid={emailProblem ? true : undefined}
            aria-describedby={emailProblem ? emailProblemId : undefined} value={email} onChange={(event) => setEmail(event.target.value)} />
        </label>
        {emailProblem ? <p id={emailProblemId} className="inline-error" role="alert">{t(emailProblem)}</p> : null}
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input ref={passwordField} type="password" autoComplete="current-password" required aria-invalid={passwordProblem ? true : undefined}
            aria-describedby={passwordDescribedBy} value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        {passwordProblem ? <p id={passwordProblemId} className="inline-error" role="alert">{t(passwordProblem)}</p> : null}
        {errorKey ? <p id={errorId} className="error-message" role="alert">{t(errorKey)}</p> : null}
        <button ref={submitButton} type="submit" className="button-primary" disabled={isBusy}>{isBusy ? t('signIn.signingIn') : t('signIn.submit')}</button>
        <p className="muted small">{t('signIn.forgot')}</p>
      </form>
    </main>
  );
}
