import { useId, useRef, useState, type FormEvent } from 'react';
import { api, setCsrfToken } from '../../api/client.js';
import { useApiAction } from '../../api/use-api-action.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { minimumPasswordLength } from '../../../auth/password-rules.js';
import { newPasswordProblem } from './new-password.js';

type PasswordFormProps = {
  email: string;
  /** The label of the current-password field ("Current password", "One-time password"). */
  currentLabel: string;
  /** Known already (typed at sign-in a moment ago): the field is not shown. */
  knownCurrentPassword?: string | null;
  submitLabel: string;
  onChanged: () => void | Promise<void>;
};

/**
 * Changing one's own password: the rules stated before anyone types, checked on submit by the
 * same rules the server applies, the new one typed twice. The server also asks for the current
 * password, so an unattended session cannot be turned into a taken-over account.
 */
export function PasswordForm({ email, currentLabel, knownCurrentPassword, submitLabel, onChanged }: PasswordFormProps) {
  const { t } = useI18n();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problemKey, setProblemKey] = useState<string | null>(null);
  const { run, isBusy, error, setError } = useApiAction();
  const newField = useRef<HTMLInputElement>(null);
  const rulesId = useId();
  const problemId = useId();
  const current = knownCurrentPassword ?? currentPassword;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const problem = newPasswordProblem({ newPassword, repeated, currentPassword: current, email });
    setProblemKey(problem ? `passwordForm.problems.${problem}` : null);
    if (problem) {
      newField.current?.focus();
      return;
    }
    await run(async () => {
      // the server replaces the session on a change: the new cookie comes with the answer, the new CSRF token in it
      const changed = await api.post<{ csrfToken: string }>('/api/auth/password', { currentPassword: current, newPassword });
      setCsrfToken(changed.csrfToken);
      setCurrentPassword('');
      setNewPassword('');
      setRepeated('');
      await onChanged();
    });
  };

  return (
    <form className="password-form" onSubmit={submit} noValidate>
      {knownCurrentPassword ? null : (
        <label className="field">
          <span>{currentLabel}</span>
          <input type="password" autoComplete="current-password" required value={currentPassword} onChange={(event) => setCurrentPassword(event.target.value)} />
        </label>
      )}
      <label className="field">
        <span>{t('passwordForm.new')}</span>
        <input ref={newField} type="password" autoComplete="new-password" required aria-invalid={problemKey ? true : undefined}
          aria-describedby={problemKey ? `${problemId} ${rulesId}` : rulesId}
          value={newPassword} onChange={(event) => setNewPassword(event.target.value)} />
      </label>
      <p id={rulesId} className="muted small">{t('passwordForm.rules', { count: minimumPasswordLength })}</p>
      <label className="field">
        <span>{t('passwordForm.repeat')}</span>
        <input type="password" autoComplete="new-password" required value={repeated} onChange={(event) => setRepeated(event.target.value)} />
      </label>
      {problemKey ? <p id={problemId} className="inline-error" role="alert">{t(problemKey, { count: minimumPasswordLength })}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={isBusy}>{submitLabel}</button>
      </div>
    </form>
  );
}
