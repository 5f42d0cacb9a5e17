import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FilterField } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { fractionDigitsOf } from '../customers/parse-amount.js';
import { comparisonInputOf, emptyDraft, valueKindOf, type ValueDraft } from './comparison-input.js';
import { builderOperatorsOf, channelCodes, choicesOf, defaultOperatorOf, fieldLabel, isMoneyField, operatorLabel } from './field-kinds.js';
import { buildComparison, buildPurchase, windowFormOfInput, type BuiltCondition, type PurchaseInput } from './filter-text.js';
import { CategoryInput, CategoryNotes } from './category-field.js';
import { useStoreCategories } from './use-store-categories.js';
import { ValueInput } from './value-input.js';
import { fieldCaption } from './field-description.js';
import { pendingConditionOf, type BuilderForm, type PendingCondition } from './pending-condition.js';
import { isRangeError, purchaseFieldProblems } from './purchase-field-problems.js';
import { hasPurchaseInput, isSamePurchaseInput, purchaseDefaults, purchaseFormOf } from './purchase-form.js';
import { WindowFields } from './purchase-window-fields.js';

const sources = ['customer', 'trait', 'type', 'rfm', 'prediction', 'persona'] as const;

type PendingChange = (form: BuilderForm, pending: PendingCondition) => void;
/**
 * A purchase condition of the filter opened in the purchase form (`key` tells one opening from the next): its Add
 * hands the changed condition to `onReplace`, which puts it in its place; `onDone` closes the form, changed or not.
 */
export type PurchaseEditing = { key: number; condition: unknown; text: string; onReplace: (condition: unknown) => void; onDone: () => void };
type BuilderProps = { fields: FilterField[]; onAdd: (condition: unknown) => void; onPendingChange?: PendingChange; editing?: PurchaseEditing | null };

/**
 * Two small forms that add a condition to the filter: a comparison on a field, and "bought … in the last … days".
 * Each tells `onPendingChange` what it holds that the filter does not have yet, so saving can wait for it.
 */
export function ConditionBuilder({ fields, onAdd, onPendingChange, editing }: BuilderProps) {
  return (
    <div className="condition-builder">
      <ComparisonForm fields={fields.filter((field) => field.isAvailable)} onAdd={onAdd} onPendingChange={onPendingChange} />
      <PurchaseForm key={editing?.key ?? 'new'} onAdd={onAdd} onPendingChange={onPendingChange} editing={editing} />
    </div>
  );
}

/** `onAdded` empties the form: what it held is in the filter now, and an empty form has nothing left to save. */
function useAdd(onAdd: (condition: unknown) => void, onAdded: () => void) {
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const add = (built: BuiltCondition) => {
    if ('errorKey' in built) return setErrorKey(built.errorKey);
    setErrorKey(null);
    onAdd(built.condition);
    onAdded();
  };
  return { errorKey, add, clearError: () => setErrorKey(null) };
}

// reported by value, not by object: a form re-renders on every keystroke with the same state
function useReportPending(form: BuilderForm, pending: PendingCondition, onPendingChange: PendingChange | undefined) {
  const state = JSON.stringify(pending);
  useEffect(() => {
    onPendingChange?.(form, JSON.parse(state) as PendingCondition);
  }, [form, state, onPendingChange]);
  // a form that goes away holds nothing any more
  useEffect(() => () => onPendingChange?.(form, { status: 'clear' }), [form, onPendingChange]);
}

const isEmptyDraft = (draft: ValueDraft) => draft.text.trim() === '' && draft.upper.trim() === '' && draft.picked.length === 0;

function ComparisonForm({ fields, onAdd, onPendingChange }: Omit<BuilderProps, 'fields'> & { fields: FilterField[] }) {
  const { t, locale, format } = useI18n();
  const [fieldName, setFieldName] = useState(fields.find((field) => field.name === 'city')?.name ?? fields[0]?.name ?? '');
  const field = fields.find((candidate) => candidate.name === fieldName) ?? fields[0];
  const [op, setOp] = useState('');
  const [draft, setDraft] = useState(emptyDraft);
  const { errorKey, add, clearError } = useAdd(onAdd, () => setDraft(emptyDraft));
  const id = useId();
  const digits = fractionDigitsOf(format.minorPerMajor);
  const amountExample = format.number(digits > 0 ? 100.5 : 150_000, digits);
  const operators = field ? builderOperatorsOf(field) : [];
  // a field the person has not set an operator for starts on what its kind usually means (at least, includes …)
  const operator = operators.includes(op) ? op : (field && defaultOperatorOf(field, operators)) || '';
  const choices = field ? choicesOf(t, field) : null;
  const amountFormat = { tag: intlTagByLocale[locale], minorPerMajor: format.minorPerMajor };
  const built = field ? buildComparison(comparisonInputOf(field, operator, draft, choices?.[0]?.value ?? '', amountFormat)) : null;
  useReportPending('comparison', built ? pendingConditionOf(!isEmptyDraft(draft), built, { example: amountExample }) : { status: 'clear' }, onPendingChange);
  if (!field || !built) return null;
  const description = fieldCaption(t, field);
  const isMoney = field.type === 'number' && isMoneyField(field.name);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add(built);
  };
  const clear = () => { setDraft(emptyDraft); clearError(); };
  return (
    <form className="builder-form" onSubmit={submit} aria-label={t('segments.builder.comparisonTitle')}>
      <h3>{t('segments.builder.comparisonTitle')}</h3>
      <div className="inline-form">
        {/* labelled by id: a label around a select would take the options' text into its name */}
        <div className="field">
          <label htmlFor={`${id}-field`}>{t('segments.builder.field')}</label>
          <select id={`${id}-field`} value={field.name} aria-describedby={description ? `${id}-description` : undefined} onChange={(event) => { setFieldName(event.target.value); setOp(''); clear(); }}>
            {sources.map((source) => (
              <optgroup key={source} label={t(`segments.sources.${source}`)}>
                {fields.filter((candidate) => candidate.source === source).map((candidate) => <option key={candidate.name} value={candidate.name}>{fieldLabel(t, candidate.name)}</option>)}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-op`}>{t('segments.builder.operator')}</label>
          <select id={`${id}-op`} value={operator} onChange={(event) => { setOp(event.target.value); clear(); }}>
            {operators.map((candidate) => <option key={candidate} value={candidate}>{operatorLabel(t, field.type, candidate)}</option>)}
          </select>
        </div>
        <ValueInput id={id} kind={valueKindOf(field, operator)} type={field.type} operator={operator} isMoney={isMoney} amountExample={amountExample} choices={choices} draft={draft} onChange={setDraft}
          errorId={errorKey ? `${id}-error` : undefined} />
        <button type="submit" className="button-secondary">{t('segments.builder.add')}</button>
        {isEmptyDraft(draft) ? null : <button type="button" className="button-quiet" onClick={clear}>{t('segments.builder.clear')}</button>}
      </div>
      {/* the name the JSON uses is for analysts: the field reference and the JSON editor show it */}
      {description ? <p id={`${id}-description`} className="muted small" lang={description.lang}>{description.text}</p> : null}
      {/* every error of this form is about the value: the value's field points here */}
      {errorKey ? <p id={`${id}-error`} className="inline-error" role="alert">{t(errorKey, { example: amountExample })}</p> : null}
    </form>
  );
}

function PurchaseForm({ onAdd, onPendingChange, editing }: Omit<BuilderProps, 'fields'>) {
  const { t } = useI18n();
  // a condition being changed starts the form on what it holds; its own Add puts it back in its place
  const [initial] = useState(() => (editing ? purchaseFormOf(editing.condition) : null) ?? purchaseDefaults);
  const [input, setInput] = useState<PurchaseInput>(initial);
  const change = (part: Partial<PurchaseInput>) => setInput((current) => ({ ...current, ...part }));
  const reset = () => setInput(purchaseDefaults);
  const { errorKey, add, clearError } = useAdd(editing ? editing.onReplace : onAdd, editing ? editing.onDone : reset);
  const id = useId();
  const categories = useStoreCategories();
  const categoryRef = useRef<HTMLInputElement>(null);
  // opened from the list: the keyboard goes where the condition now is
  useEffect(() => { if (editing) categoryRef.current?.focus(); }, [editing?.key]);
  const categoryField = { id: `${id}-category`, value: input.category, categories, onChange: (category: string) => change({ category }), inputRef: categoryRef };
  const built = buildPurchase(input);
  // the defaults alone are the form at rest, not a condition someone started; so is a condition opened and not changed
  const hasInput = editing ? !isSamePurchaseInput(input, initial) : hasPurchaseInput(input);
  useReportPending('purchase', pendingConditionOf(hasInput, built), onPendingChange);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // an opened condition not changed stays in the filter as it was written, its key order too
    if (editing && !hasInput) return editing.onDone();
    add(built);
  };
  // as the value field does (value-input.tsx): the field the error is about is invalid and described by it
  const problems = errorKey ? purchaseFieldProblems(input) : { days: false, atLeast: false, from: false, last: false };
  const problem = (isInvalid: boolean) => (isInvalid ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {});
  const windowForm = windowFormOfInput(input);
  return (
    <form className="builder-form" onSubmit={submit} aria-label={t('segments.builder.purchaseTitle')}>
      <h3>{t('segments.builder.purchaseTitle')}</h3>
      {editing ? <p className="notice">{t('segments.builder.changing', { condition: editing.text })}</p> : null}
      <div className="inline-form">
        <CategoryInput {...categoryField} />
        <div className="field">
          <label htmlFor={`${id}-channel`}>{t('segments.builder.channel')}</label>
          <select id={`${id}-channel`} value={input.channel} onChange={(event) => change({ channel: event.target.value })}>
            <option value="">{t('segments.builder.anyChannel')}</option>
            {channelCodes.map((code) => <option key={code} value={code}>{t(`channels.${code}`)}</option>)}
          </select>
        </div>
        <WindowFields id={id} when={windowForm} problems={problems} errorKey={errorKey}
          onChange={(when) => change({ window: when.mode, days: when.days, from: when.from, last: when.last })} />
        <label className="field">
          <span>{t('segments.builder.atLeast')}</span>
          <input value={input.atLeast} onChange={(event) => change({ atLeast: event.target.value })} inputMode="numeric" size={4} {...problem(problems.atLeast)} />
        </label>
        <button type="submit" className="button-secondary">{t(editing ? 'segments.builder.replace' : 'segments.builder.add')}</button>
        {editing ? <button type="button" className="button-quiet" onClick={editing.onDone}>{t('common.cancel')}</button> : null}
        {!editing && hasInput ? <button type="button" className="button-quiet" onClick={() => { reset(); clearError(); }}>{t('segments.builder.clear')}</button> : null}
      </div>
      <CategoryNotes {...categoryField} />
      {errorKey && !isRangeError(input, problems) ? <p id={`${id}-error`} className="inline-error" role="alert">{t(errorKey)}</p> : null}
    </form>
  );
}
