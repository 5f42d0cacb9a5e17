import type { ReactNode } from 'react';
import { useI18n, type I18n } from '../../i18n/i18n-context.js';
import { OwnerLink } from './identity-field-problem.js';
import { choiceKey, choiceOf, type IdentityChoice, type IdentityEntry, type IdentityEntryProblem } from './identity-entry.js';
import { identityLabel } from './identity-label.js';

type IdentityEntryFieldsProps = {
  /** Unique on the page: the problems' ids, which the fields' aria-describedby name. */
  id: string;
  entry: IdentityEntry;
  choices: IdentityChoice[];
  problem: IdentityEntryProblem | null;
  /** What to do about an identity another customer has: on a customer's page, a merge; on a new one, adding the details there. */
  takenHint: string;
  onChange: (entry: IdentityEntry) => void;
};

export function choiceLabel(choice: IdentityChoice, t: I18n['t']): string {
  if (choice.kind === 'other') return t('customer.identityEntry.otherSystem');
  return identityLabel({ kind: choice.kind, namespace: choice.kind === 'external' ? choice.namespace : '' }, t);
}

/**
 * One identity to add: its kind (a system's id, an email, a phone), the system's name when it is
 * another system, and the value; a problem is said under the part it is about.
 */
export function IdentityEntryFields({ id, entry, choices, problem, takenHint, onChange }: IdentityEntryFieldsProps) {
  const { t } = useI18n();
  const choice = choiceOf(entry.choice);
  const problemId = `${id}-problem`;
  const describedBy = (part: IdentityEntryProblem['part']) => (problem?.part === part ? { 'aria-invalid': true, 'aria-describedby': problemId } : {});
  const problemText = problem ? <IdentityEntryProblemText id={problemId} entry={entry} problem={problem} takenHint={takenHint} /> : null;
  return (
    <>
      <label className="field">
        <span>{t('customer.identityEntry.kind')}</span>
        <select name={`${id}-kind`} value={entry.choice} onChange={(event) => onChange({ ...entry, choice: event.target.value })}>
          {choices.map((option) => <option key={choiceKey(option)} value={choiceKey(option)}>{choiceLabel(option, t)}</option>)}
        </select>
      </label>
      {choice.kind === 'other' ? (
        <label className="field">
          <span>{t('customer.identityEntry.system')}</span>
          <input name={`${id}-system`} value={entry.system} autoComplete="off" {...describedBy('system')} onChange={(event) => onChange({ ...entry, system: event.target.value })} />
        </label>
      ) : null}
      {problem?.part === 'system' ? problemText : null}
      <label className="field">
        <span>{t('customer.identityEntry.value')}</span>
        <input name={`${id}-value`} value={entry.value} autoComplete="off" type={choice.kind === 'phone' ? 'tel' : 'text'} inputMode={choice.kind === 'email' ? 'email' : undefined}
          {...describedBy('value')} onChange={(event) => onChange({ ...entry, value: event.target.value })} />
      </label>
      {problem?.part === 'value' ? problemText : null}
    </>
  );
}

type ProblemTextProps = { id: string; entry: IdentityEntry; problem: IdentityEntryProblem; takenHint: string };

function IdentityEntryProblemText({ id, entry, problem, takenHint }: ProblemTextProps) {
  const { t } = useI18n();
  const choice = choiceOf(entry.choice);
  if (problem.kind === 'taken') {
    const identity = choiceLabel(choice, t);
    return (
      <div id={id} className="inline-error field-help identity-taken" role="alert">
        <p>
          {t('customer.identityEntry.taken', { identity, value: entry.value.trim() })}{' '}
          {problem.belongsTo === null ? null : <OwnerLink customerId={problem.belongsTo} />}
        </p>
        <p>{takenHint}</p>
      </div>
    );
  }
  return <p id={id} className="inline-error field-help" role="alert">{problemMessage(choice, problem, t)}</p>;
}

function problemMessage(choice: IdentityChoice, problem: Exclude<IdentityEntryProblem, { kind: 'taken' }>, t: I18n['t']): ReactNode {
  if (problem.kind === 'alreadyHeld') return t('customer.identityEntry.problems.alreadyHeld');
  if (problem.part === 'system') return t(`customer.identityEntry.problems.system${problem.kind === 'missing' ? 'Missing' : problem.kind === 'tooLong' ? 'TooLong' : 'Refused'}`);
  if (problem.kind === 'missing') return t('customer.identityEntry.problems.valueMissing');
  if (problem.kind === 'tooLong') return t('customer.identityEntry.problems.valueTooLong');
  // an email or phone the server could not read is said as the profile says it
  if (choice.kind === 'email') return t(problem.kind === 'invalid' ? 'customer.identityEntry.problems.emailInvalid' : 'customer.fieldProblems.emailRefused');
  if (choice.kind === 'phone') return t(problem.kind === 'invalid' ? 'customer.identityEntry.problems.phoneInvalid' : 'customer.fieldProblems.phoneRefused');
  return t('customer.identityEntry.problems.externalRefused');
}
