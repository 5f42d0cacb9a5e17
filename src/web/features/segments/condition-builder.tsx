import { useId, useRef, useState, type FormEvent } from 'react';
import type { FilterField } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { fractionDigitsOf } from '../customers/parse-amount.js';
import { comparisonInputOf, emptyDraft, valueKindOf } from './comparison-input.js';
import { builderOperatorsOf, channelCodes, choicesOf, fieldLabel, isMoneyField, operatorLabel } from './field-kinds.js';
import { buildComparison, buildPurchase, type BuiltCondition } from './filter-text.js';
import { CategoryInput, CategoryNotes } from './category-field.js';
import { useStoreCategories } from './use-store-categories.js';
import { ValueInput } from './value-input.js';
import { fieldDescription } from './field-description.js';

const sources = ['customer', 'trait', 'type', 'rfm', 'prediction'] as const;

/** Two small forms that add a condition to the filter: a comparison on a field, and "bought … in the last … days". */
export function ConditionBuilder({ fields, onAdd }: { fields: FilterField[]; onAdd: (condition: unknown) => void }) {
  return (
    <div className="condition-builder">
      <ComparisonForm fields={fields.filter((field) => field.isAvailable)} onAdd={onAdd} />
      <PurchaseForm onAdd={onAdd} />
    </div>
  );
}

function useAdd(onAdd: (condition: unknown) => void) {
  const [errorKey, setErrorKey] = useState<string | null>(null);
  const add = (built: BuiltCondition) => {
    if ('errorKey' in built) return setErrorKey(built.errorKey);
    setErrorKey(null);
    onAdd(built.condition);
  };
  return { errorKey, add };
}

function ComparisonForm({ fields, onAdd }: { fields: FilterField[]; onAdd: (condition: unknown) => void }) {
  const { t, locale, format } = useI18n();
  const [fieldName, setFieldName] = useState(fields.find((field) => field.name === 'city')?.name ?? fields[0]?.name ?? '');
  const field = fields.find((candidate) => candidate.name === fieldName) ?? fields[0];
  const [op, setOp] = useState('');
  const [draft, setDraft] = useState(emptyDraft);
  const { errorKey, add } = useAdd(onAdd);
  const id = useId();
  if (!field) return null;
  const operators = builderOperatorsOf(field);
  const description = fieldDescription(t, field);
  const operator = operators.includes(op) ? op : operators[0];
  const choices = choicesOf(t, field.name);
  const isMoney = field.type === 'number' && isMoneyField(field.name);
  const digits = fractionDigitsOf(format.minorPerMajor);
  const amountExample = format.number(digits > 0 ? 100.5 : 150_000, digits);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amountFormat = { tag: intlTagByLocale[locale], minorPerMajor: format.minorPerMajor };
    add(buildComparison(comparisonInputOf(field, operator, draft, choices?.[0]?.value ?? '', amountFormat)));
  };
  return (
    <form className="builder-form" onSubmit={submit} aria-label={t('segments.builder.comparisonTitle')}>
      <h3>{t('segments.builder.comparisonTitle')}</h3>
      <div className="inline-form">
        {/* labelled by id: a label around a select would take the options' text into its name */}
        <div className="field">
          <label htmlFor={`${id}-field`}>{t('segments.builder.field')}</label>
          <select id={`${id}-field`} value={field.name} onChange={(event) => { setFieldName(event.target.value); setDraft(emptyDraft); }}>
            {sources.map((source) => (
              <optgroup key={source} label={t(`segments.sources.${source}`)}>
                {fields.filter((candidate) => candidate.source === source).map((candidate) => <option key={candidate.name} value={candidate.name}>{fieldLabel(t, candidate.name)}</option>)}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-op`}>{t('segments.builder.operator')}</label>
          <select id={`${id}-op`} value={operator} onChange={(event) => { setOp(event.target.value); setDraft(emptyDraft); }}>
            {operators.map((candidate) => <option key={candidate} value={candidate}>{operatorLabel(t, field.type, candidate)}</option>)}
          </select>
        </div>
        <ValueInput id={id} kind={valueKindOf(field, operator)} type={field.type} operator={operator} isMoney={isMoney} amountExample={amountExample} choices={choices} draft={draft} onChange={setDraft} />
        <button type="submit" className="button-secondary">{t('segments.builder.add')}</button>
      </div>
      <p className="muted small">{t('segments.builder.technicalName', { name: field.name })} — <span lang={description.lang}>{description.text}</span></p>
      {errorKey ? <p className="inline-error" role="alert">{t(errorKey, { example: amountExample })}</p> : null}
    </form>
  );
}

function PurchaseForm({ onAdd }: { onAdd: (condition: unknown) => void }) {
  const { t } = useI18n();
  const [category, setCategory] = useState('');
  const [channel, setChannel] = useState('');
  const [days, setDays] = useState('90');
  const [atLeast, setAtLeast] = useState('1');
  const { errorKey, add } = useAdd(onAdd);
  const id = useId();
  const categories = useStoreCategories();
  const categoryRef = useRef<HTMLInputElement>(null);
  const categoryField = { id: `${id}-category`, value: category, categories, onChange: setCategory, inputRef: categoryRef };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add(buildPurchase({ category, channel, days, atLeast }));
  };
  return (
    <form className="builder-form" onSubmit={submit} aria-label={t('segments.builder.purchaseTitle')}>
      <h3>{t('segments.builder.purchaseTitle')}</h3>
      <div className="inline-form">
        <CategoryInput {...categoryField} />
        <div className="field">
          <label htmlFor={`${id}-channel`}>{t('segments.builder.channel')}</label>
          <select id={`${id}-channel`} value={channel} onChange={(event) => setChannel(event.target.value)}>
            <option value="">{t('segments.builder.anyChannel')}</option>
            {channelCodes.map((code) => <option key={code} value={code}>{t(`channels.${code}`)}</option>)}
          </select>
        </div>
        <label className="field">
          <span>{t('segments.builder.withinDays')}</span>
          <input value={days} onChange={(event) => setDays(event.target.value)} inputMode="numeric" size={5} />
        </label>
        <label className="field">
          <span>{t('segments.builder.atLeast')}</span>
          <input value={atLeast} onChange={(event) => setAtLeast(event.target.value)} inputMode="numeric" size={4} />
        </label>
        <button type="submit" className="button-secondary">{t('segments.builder.add')}</button>
      </div>
      <CategoryNotes {...categoryField} />
      {errorKey ? <p className="inline-error" role="alert">{t(errorKey)}</p> : null}
    </form>
  );
}
