import { useId } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { rangeOf, type NumericPolicyField } from './policy-fields.js';

type PolicyFieldInputProps = { field: NumericPolicyField; text: string; defaultText: string; isInvalid: boolean; onChange: (text: string) => void };

/** One threshold: what it decides, its unit, its default and the range the server accepts. */
export function PolicyFieldInput({ field, text, defaultText, isInvalid, onChange }: PolicyFieldInputProps) {
  const { t, format } = useI18n();
  const helpId = useId();
  const range = rangeOf(field);
  const min = format.number(range.min, range.min % 1 === 0 ? 0 : 2);
  const max = range.max === null ? null : format.number(range.max);
  const rangeKey = max === null ? (range.isMinExclusive ? 'above' : 'atLeast')
    : range.isMinExclusive ? (range.isMaxExclusive ? 'aboveBelow' : 'aboveUpTo') : 'between';
  const rangeText = t(`settings.policy.range.${rangeKey}`, { min, max: max ?? '' });
  const unit = field.unit === 'count' || field.unit === 'number' ? '' : t(`settings.policy.units.${field.unit}`);
  return (
    <label className="field policy-field">
      <span>{t(`settings.policy.fields.${field.path}`)}</span>
      <span className="policy-input">
        <input type="number" inputMode="decimal" step={field.isWhole ? 1 : 'any'} value={text} aria-invalid={isInvalid || undefined} aria-describedby={helpId}
          onChange={(event) => onChange(event.target.value)} />
        {unit ? <span className="muted">{unit}</span> : null}
      </span>
      <span id={helpId} className={isInvalid ? 'inline-error small' : 'muted small'}>
        {isInvalid ? t(field.isWhole ? 'settings.policy.invalidWhole' : 'settings.policy.invalid', { range: rangeText }) : t('settings.policy.defaultAndRange', { value: defaultText, range: rangeText })}
      </span>
    </label>
  );
}
