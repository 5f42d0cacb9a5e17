import type { FieldType } from '../../api/target-group-types.js';
import { useI18n, type I18n } from '../../i18n/i18n-context.js';
import type { ValueDraft, ValueKind } from './comparison-input.js';
import { withinNextOperator, type Choice } from './field-kinds.js';
import type { Wording } from '../personas/persona-name.js';
import { usePersonaNames } from './use-persona-names.js';

type ValueInputProps = {
  id: string;
  kind: ValueKind;
  type: FieldType;
  operator: string;
  isMoney: boolean;
  /** An amount written the user's way, e.g. "100.50" or "150.000". */
  amountExample: string;
  choices: Choice[] | null;
  draft: ValueDraft;
  onChange: (draft: ValueDraft) => void;
  /** The id of the message saying what is wrong with the value, while one is shown: the value is marked invalid and described by it. */
  errorId?: string;
};

const hintKeyByType: Record<FieldType, string> = {
  number: 'segments.builder.hintNumber', text: 'segments.builder.hintText', date: 'segments.builder.hintDate', boolean: 'segments.builder.hintBoolean', text_list: 'segments.builder.hintText',
};

/**
 * What the value box shows while empty: an example of what the field and operator take ("in the next … days"
 * takes a number of days, not a date or days ago).
 */
export function valuePlaceholder(
  t: I18n['t'],
  { type, operator, isMoney, amountExample }: Pick<ValueInputProps, 'type' | 'operator' | 'isMoney' | 'amountExample'>,
): string {
  if (isMoney) return t('segments.builder.hintAmount', { example: amountExample });
  if (operator === 'in' || operator === 'nin') return t('segments.builder.hintList');
  if (operator === withinNextOperator && type === 'date') return t('segments.builder.hintDaysAhead');
  return t(hintKeyByType[type]);
}

/**
 * Choices the store named (persona names: choicesOf labels them with their value) as the Personas
 * page shows them, in the reader's language; a code's label and a name with no persona stay as they are.
 */
export function withPersonaNames(choices: Choice[] | null, personaName: (name: string) => Wording | null): Choice[] | null {
  return choices?.map((choice) => (choice.label === choice.value ? { ...choice, label: personaName(choice.value)?.text ?? choice.label } : choice)) ?? null;
}

const hasStoreNames = (choices: Choice[] | null) => choices?.some((choice) => choice.label === choice.value) ?? false;

/** The value part of the comparison form, shaped by what the field holds. */
export function ValueInput({ id, kind, type, operator, isMoney, amountExample, choices: listed, draft, onChange, errorId }: ValueInputProps) {
  const { t } = useI18n();
  const choices = withPersonaNames(listed, usePersonaNames(hasStoreNames(listed)));
  const problem = errorId ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  const placeholder = valuePlaceholder(t, { type, operator, isMoney, amountExample });
  const inputMode = isMoney || type === 'number' ? 'decimal' : undefined;
  if (kind === 'choices') {
    const toggle = (code: string, isPicked: boolean) => onChange({ ...draft, picked: isPicked ? [...draft.picked, code] : draft.picked.filter((picked) => picked !== code) });
    return (
      <fieldset className="choice-fieldset" aria-describedby={errorId}>
        <legend>{t('segments.builder.value')}</legend>
        {(choices ?? []).map((choice) => (
          <label key={choice.value} className="checkbox-field">
            <input type="checkbox" checked={draft.picked.includes(choice.value)} onChange={(event) => toggle(choice.value, event.target.checked)} />
            <span>{choice.label}</span>
          </label>
        ))}
      </fieldset>
    );
  }
  if (kind === 'range') {
    return (
      <>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('segments.builder.from')}</label>
          <input id={`${id}-from`} value={draft.text} onChange={(event) => onChange({ ...draft, text: event.target.value })} inputMode={inputMode} placeholder={placeholder} size={10} {...problem} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('segments.builder.to')}</label>
          <input id={`${id}-to`} value={draft.upper} onChange={(event) => onChange({ ...draft, upper: event.target.value })} inputMode={inputMode} placeholder={placeholder} size={10} {...problem} />
        </div>
      </>
    );
  }
  const options: Choice[] | null = kind === 'known' ? [{ value: 'true', label: t('segments.builder.isUnknown') }, { value: 'false', label: t('segments.builder.isKnown') }]
    : kind === 'yes-no' ? [{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]
    : kind === 'choice' ? choices : null;
  return (
    // a list of names is as wide as its longest, so "Nedēļas nogales maizes pircēji" is not cut short
    <div className={options ? 'field field-wide value-choice' : 'field field-wide'}>
      <label htmlFor={`${id}-value`}>{t('segments.builder.value')}</label>
      {options ? (
        <select id={`${id}-value`} value={draft.text || options[0]?.value} onChange={(event) => onChange({ ...draft, text: event.target.value })}>
          {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
        </select>
      ) : (
        <input id={`${id}-value`} value={draft.text} onChange={(event) => onChange({ ...draft, text: event.target.value })} inputMode={inputMode} placeholder={placeholder} {...problem} />
      )}
    </div>
  );
}
