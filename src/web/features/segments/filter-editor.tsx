import { useId, useState } from 'react';
import type { FilterField } from '../../api/target-group-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ConditionBuilder, type PurchaseEditing } from './condition-builder.js';
import { ConditionList } from './condition-list.js';
import { isDescribable } from './describe-condition.js';
import { FieldReference } from './field-reference.js';
import { FilterJsonEditor } from './filter-json-editor.js';
import { addCondition, conditionListOf, replaceConditionAt } from './filter-list.js';
import { formatFilter, parseFilterText } from './filter-text.js';
import type { BuilderForm, PendingCondition } from './pending-condition.js';
import { PreviewPanel } from './preview-panel.js';
import { useDescribeContext } from './use-describe-context.js';
import { useLivePreview } from './use-live-preview.js';

type FilterEditorProps = { text: string; onChange: (text: string) => void; onPendingChange?: (form: BuilderForm, pending: PendingCondition) => void };

/**
 * The filter as a list of conditions in words, with forms that add to it, the
 * same filter as JSON (docs/segments.md) behind a disclosure, the server's
 * live verdict and a live count beside it. The JSON text is the one state:
 * the list reads it, and every list action writes it back formatted. What the
 * condition forms hold but have not added goes to `onPendingChange` instead.
 */
export function FilterEditor({ text, onChange, onPendingChange }: FilterEditorProps) {
  const { t } = useI18n();
  const fields = useApiData<{ items: FilterField[] }>('/api/segments/fields');
  const preview = useLivePreview(text);
  const context = useDescribeContext(fields.data?.items);
  const problemsId = useId();
  const headingId = useId();
  const parsed = parseFilterText(text);
  const [isJsonOpenAtFirst] = useState(() => parsed.status !== 'ok' || !isDescribable(conditionListOf(parsed.filter).conditions, context));
  const change = (filter: unknown) => onChange(formatFilter(filter));
  const add = (condition: unknown) => change(addCondition(parsed.status === 'ok' ? parsed.filter : { and: [] }, condition));
  const editing = usePurchaseEditing(parsed.status === 'ok' ? parsed.filter : null, change);
  const isInvalid = preview.status === 'invalid' || preview.status === 'invalid-json';
  return (
    <div className="filter-editor">
      <div className="card filter-editor-main">
        <section className="condition-list" aria-labelledby={headingId}>
          <h2 id={headingId}>{t('segments.conditions.title')}</h2>
          {/* as on a saved segment: an operator's words wait for the field types */}
          {parsed.status === 'ok' && fields.isLoading ? <LoadingState /> : null}
          {parsed.status === 'ok' && !fields.isLoading
            ? <ConditionList filter={parsed.filter} context={context} onChange={change} onEdit={editing.open} />
            : null}
          {parsed.status !== 'ok' ? <p className="inline-error">{t('segments.conditions.invalidJson')}</p> : null}
        </section>
        {fields.data ? <ConditionBuilder fields={fields.data.items} onAdd={add} onPendingChange={onPendingChange} editing={editing.current} /> : null}
        <FilterJsonEditor text={text} onChange={onChange} isInvalid={isInvalid} isBroken={parsed.status !== 'ok'} isOpenAtFirst={isJsonOpenAtFirst} problemsId={problemsId} />
        {fields.data ? <FieldReference fields={fields.data.items} /> : null}
      </div>
      <PreviewPanel preview={preview} problemsId={problemsId} />
    </div>
  );
}

/**
 * The purchase condition opened in the purchase form, by its place in the list. It stays open only while
 * that place holds the very condition opened: a change in the JSON editor or a removal closes it, so
 * Add never writes over another condition.
 */
function usePurchaseEditing(filter: unknown, change: (filter: unknown) => void): { current: PurchaseEditing | null; open: (index: number, text: string) => void } {
  const [opened, setOpened] = useState<{ key: number; index: number; condition: string; text: string } | null>(null);
  const conditions = filter === null ? [] : conditionListOf(filter).conditions;
  const isStill = opened !== null && opened.index < conditions.length && JSON.stringify(conditions[opened.index]) === opened.condition;
  const open = (index: number, text: string) => setOpened((previous) => ({ key: (previous?.key ?? 0) + 1, index, condition: JSON.stringify(conditions[index]), text }));
  if (!isStill || opened === null || filter === null) return { current: null, open };
  return {
    current: {
      key: opened.key,
      condition: conditions[opened.index],
      text: opened.text,
      onReplace: (condition) => change(replaceConditionAt(filter, opened.index, condition)),
      onDone: () => setOpened(null),
    },
    open,
  };
}
