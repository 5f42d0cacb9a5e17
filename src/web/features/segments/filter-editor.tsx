import { useId } from 'react';
import type { FilterField } from '../../api/target-group-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ConditionBuilder } from './condition-builder.js';
import { FieldReference } from './field-reference.js';
import { addCondition, formatFilter, parseFilterText } from './filter-text.js';
import { PreviewPanel } from './preview-panel.js';
import { useLivePreview } from './use-live-preview.js';

/**
 * The filter as JSON (the filter language of docs/segments.md), with forms that
 * add conditions to it, the server's live verdict and a live count beside it.
 */
export function FilterEditor({ text, onChange }: { text: string; onChange: (text: string) => void }) {
  const { t } = useI18n();
  const fields = useApiData<{ items: FilterField[] }>('/api/segments/fields');
  const preview = useLivePreview(text);
  const helpId = useId();
  const problemsId = useId();
  const add = (condition: unknown) => {
    const parsed = parseFilterText(text);
    onChange(formatFilter(addCondition(parsed.status === 'ok' ? parsed.filter : { and: [] }, condition)));
  };
  const isInvalid = preview.status === 'invalid' || preview.status === 'invalid-json';
  return (
    <div className="filter-editor">
      <div className="card filter-editor-main">
        <label className="field">
          <span>{t('segments.filterJson')}</span>
          <textarea className="filter-text" value={text} onChange={(event) => onChange(event.target.value)} rows={14} spellCheck={false}
            aria-describedby={`${helpId} ${problemsId}`} aria-invalid={isInvalid} />
        </label>
        <p id={helpId} className="muted small">{t('segments.filterHelp')}</p>
        {fields.data ? <ConditionBuilder fields={fields.data.items} onAdd={add} /> : null}
        {fields.data ? <FieldReference fields={fields.data.items} /> : null}
      </div>
      <PreviewPanel preview={preview} problemsId={problemsId} />
    </div>
  );
}
