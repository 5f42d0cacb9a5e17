import { useId, useState, type FormEvent } from 'react';
import type { FieldType, FilterField } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { buildComparison, buildPurchase, type BuiltCondition } from './filter-text.js';

const sources = ['customer', 'trait', 'type', 'rfm', 'prediction'] as const;
const valueHintKey: Record<FieldType, string> = {
  number: 'segments.builder.hintNumber', text: 'segments.builder.hintText', date: 'segments.builder.hintDate', boolean: 'segments.builder.hintBoolean', text_list: 'segments.builder.hintText',
};

/** Two small forms that append a condition to the filter: a comparison on a field, and "bought … in the last … days". */
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
  const { t } = useI18n();
  const [fieldName, setFieldName] = useState(fields.find((field) => field.name === 'city')?.name ?? fields[0]?.name ?? '');
  const field = fields.find((candidate) => candidate.name === fieldName) ?? fields[0];
  const [op, setOp] = useState(field?.operators[0] ?? 'eq');
  const [value, setValue] = useState('');
  const { errorKey, add } = useAdd(onAdd);
  const id = useId();
  if (!field) return null;
  const operator = field.operators.includes(op) ? op : field.operators[0];
  const needsChoice = field.type === 'boolean' || operator === 'is_null';
  // a choice shows its first option before anything is picked
  const chosen = needsChoice && value === '' ? 'true' : value;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add(buildComparison({ field: field.name, type: field.type, op: operator, value: chosen }));
  };
  return (
    <form className="builder-form" onSubmit={submit} aria-label={t('segments.builder.comparisonTitle')}>
      <h3>{t('segments.builder.comparisonTitle')}</h3>
      <div className="inline-form">
        {/* labelled by id: a label around a select would take the options' text into its name */}
        <div className="field">
          <label htmlFor={`${id}-field`}>{t('segments.builder.field')}</label>
          <select id={`${id}-field`} value={field.name} onChange={(event) => { setFieldName(event.target.value); setValue(''); }}>
            {sources.map((source) => (
              <optgroup key={source} label={t(`segments.sources.${source}`)}>
                {fields.filter((candidate) => candidate.source === source).map((candidate) => <option key={candidate.name} value={candidate.name}>{candidate.name}</option>)}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-op`}>{t('segments.builder.operator')}</label>
          <select id={`${id}-op`} value={operator} onChange={(event) => { setOp(event.target.value); setValue(''); }}>
            {field.operators.map((candidate) => <option key={candidate} value={candidate}>{t(`segments.operators.${candidate}`)}</option>)}
          </select>
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-value`}>{t('segments.builder.value')}</label>
          {needsChoice ? (
            <select id={`${id}-value`} value={chosen} onChange={(event) => setValue(event.target.value)}>
              <option value="true">{operator === 'is_null' ? t('segments.builder.isUnknown') : t('common.yes')}</option>
              <option value="false">{operator === 'is_null' ? t('segments.builder.isKnown') : t('common.no')}</option>
            </select>
          ) : (
            <input id={`${id}-value`} value={value} onChange={(event) => setValue(event.target.value)} placeholder={t(operator === 'between' ? 'segments.builder.hintBetween' : operator === 'in' || operator === 'nin' ? 'segments.builder.hintList' : valueHintKey[field.type])} />
          )}
        </div>
        <button type="submit" className="button-secondary">{t('segments.builder.add')}</button>
      </div>
      <p className="muted small" lang="en">{field.description}</p>
      {errorKey ? <p className="inline-error" role="alert">{t(errorKey)}</p> : null}
    </form>
  );
}

function PurchaseForm({ onAdd }: { onAdd: (condition: unknown) => void }) {
  const { t } = useI18n();
  const [category, setCategory] = useState('');
  const [days, setDays] = useState('90');
  const [atLeast, setAtLeast] = useState('1');
  const { errorKey, add } = useAdd(onAdd);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add(buildPurchase({ category, days, atLeast }));
  };
  return (
    <form className="builder-form" onSubmit={submit} aria-label={t('segments.builder.purchaseTitle')}>
      <h3>{t('segments.builder.purchaseTitle')}</h3>
      <div className="inline-form">
        <label className="field field-wide">
          <span>{t('segments.builder.category')}</span>
          <input value={category} onChange={(event) => setCategory(event.target.value)} placeholder={t('segments.builder.hintList')} />
        </label>
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
      {errorKey ? <p className="inline-error" role="alert">{t(errorKey)}</p> : null}
    </form>
  );
}
