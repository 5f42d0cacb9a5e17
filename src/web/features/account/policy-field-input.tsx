import { useId } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { policyNumberText, policyRangeText, type NumericPolicyField, type PolicyValueProblem } from './policy-fields.js';

type PolicyFieldInputProps = {
  field: NumericPolicyField;
  text: string;
  defaultText: string;
  /** Why the text cannot be sent, as the form reads it; null when it can. */
  problem: PolicyValueProblem | null;
  /** The server's refusal of the value last sent, said in words with the field's label; null when none. */
  refusal: string | null;
  /** A line more on what the number counts (the alerts' minimum expected), or null. */
  note?: string | null;
  onChange: (text: string) => void;
};

/**
 * One threshold: what it decides, its unit, its default and the range the server accepts. Typed as
 * the reader writes numbers ("2,5" in Indonesian and Latvian, "2.5" in English), so a text field with
 * a decimal keyboard rather than a number input, which takes only "2.5" and drops the comma.
 */
export function PolicyFieldInput({ field, text, defaultText, problem, refusal, note, onChange }: PolicyFieldInputProps) {
  const { t, locale } = useI18n();
  const tag = intlTagByLocale[locale];
  const helpId = useId();
  const rangeText = policyRangeText(field, t, tag);
  const unit = field.unit === 'count' || field.unit === 'number' ? '' : t(`settings.policy.units.${field.unit}`);
  const problemText = (): string => {
    if (!problem) return '';
    if (problem.kind === 'otherDecimal') return t('settings.policy.otherDecimal', { text: text.trim(), example: policyNumberText(problem.example, tag) });
    if (problem.kind === 'otherGrouping') return t('settings.policy.otherGrouping', { text: text.trim(), example: policyNumberText(problem.example, tag) });
    if (problem.kind === 'ambiguous') return t('settings.policy.ambiguous', { text: text.trim(), one: policyNumberText(problem.readings[0], tag), other: policyNumberText(problem.readings[1], tag) });
    if (problem.kind === 'rounded') return t('settings.policy.rounded', { value: `${policyNumberText(problem.kept, tag)}${field.unit === 'percent' ? '%' : ''}`, range: rangeText });
    return t(field.isWhole ? 'settings.policy.invalidWhole' : 'settings.policy.invalid', { range: rangeText });
  };
  const message = problem ? problemText() : refusal;
  return (
    <label className="field policy-field">
      <span>{t(`settings.policy.fields.${field.path}`)}</span>
      <span className="policy-input">
        <input type="text" inputMode="decimal" autoComplete="off" spellCheck={false} value={text}
          aria-invalid={message ? true : undefined} aria-describedby={helpId}
          onChange={(event) => onChange(event.target.value)} />
        {unit ? <span className="muted">{unit}</span> : null}
      </span>
      <span id={helpId} className={message ? 'inline-error small' : 'muted small'}>
        {message ?? t('settings.policy.defaultAndRange', { value: defaultText, range: rangeText })}
      </span>
      {note ? <span className="muted small">{note}</span> : null}
    </label>
  );
}
