import { useId, useRef, useState, type FormEvent } from 'react';
import { api, setCsrfToken } from '../../api/client.js';
import { useApiAction } from '../../api/use-api-action.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { minimumPasswordLength } from '../../../auth/password-rules.js';
import { useFocusAfterSend } from '../auth/use-focus-after-send.js';
import { passwordFormProblem, passwordRefusalFocus, passwordRefusalProblem, type FieldProblem, type PasswordField } from '../auth/credential-problems.js';

type PasswordFormProps = {
  email: string;
  /** The label of the current-password field ("Current password", "One-time password"). */
  currentLabel: string;
  /** Known already (typed at sign-in a moment ago): the field is not shown. */
  knownCurrentPassword?: string | null;
  /** Said under the current-password field left empty ("Enter your current password"). */
  currentMissingKey?: string;
  /** Said under the current-password field when the server says it is wrong ("The current password is wrong"). */
  currentWrongKey?: string;
  submitLabel: string;
  onChanged: () => void | Promise<void>;
};

/**
 * Changing one's own password: the rules stated before anyone types, checked on submit by the
 * same rules the server applies, the new one typed twice. The server also asks for the current
 * password, so an unattended session cannot be turned into a taken-over account.
 */
export function PasswordForm({ email, currentLabel, knownCurrentPassword, currentMissingKey = 'passwordForm.problems.currentMissing', currentWrongKey = 'passwordForm.problems.currentWrong', submitLabel, onChanged }: PasswordFormProps) {
  const { t } = useI18n();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem] = useState<FieldProblem<PasswordField> | null>(null);
  const { run, isBusy, error, setError } = useApiAction();
  const currentField = useRef<HTMLInputElement>(null);
  const newField = useRef<HTMLInputElement>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const rulesId = useId();
  const problemId = useId();
  const currentProblemId = useId();
  const current = knownCurrentPassword ?? currentPassword;
  const asksCurrent = !knownCurrentPassword;
  const problemKey = problem?.field === 'new' ? problem.key : null;
  const currentProblemKey = problem?.field === 'current' ? problem.key : null;

  // after the answer is shown: the field the refusal names (its message under it, or the error below
  // announced as an alert), else the submit button, disabled while sending
  const focusAfterSend = useFocusAfterSend<PasswordField | 'submit'>(isBusy, { current: currentField, new: newField, submit: submitButton });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    focusAfterSend.current = null;
    const found = passwordFormProblem({ asksCurrent, currentPassword: current, newPassword, repeated, email, currentMissingKey });
    setProblem(found);
    if (found) {
      (found.field === 'current' ? currentField : newField).current?.focus();
      return;
    }
    await run(async () => {
      // the server replaces the session on a change: the new cookie comes with the answer, the new CSRF token in it
      const changed = await api.post<{ csrfToken: string }>('/api/auth/password', { currentPassword: current, newPassword }).catch((caught: unknown) => {
        // a value the server still refuses as invalid is said under its field, not in the server's validation text
        focusAfterSend.current = passwordRefusalFocus(caught, { asksCurrent });
        const refused = passwordRefusalProblem(caught, { asksCurrent, currentPassword: current, currentMissingKey, currentWrongKey });
        if (!refused) throw caught;
        setProblem(refused);
        return null;
      });
      if (!changed) return;
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
          <input ref={currentField} type="password" autoComplete="current-password" required aria-invalid={currentProblemKey ? true : undefined}
            aria-describedby={currentProblemKey ? currentProblemId : undefined}
            value={currentPassword} onChange={(event) => setCurrentPassword(event.target.value)} />
        </label>
      )}
      {!knownCurrentPassword && currentProblemKey ? <p id={currentProblemId} className="inline-error" role="alert">{t(currentProblemKey)}</p> : null}
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
        <button ref={submitButton} type="submit" className="button-primary" disabled={isBusy}>{submitLabel}</button>
      </div>
    </form>
  );
}
