import { useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';

type FilterJsonEditorProps = {
  text: string;
  onChange: (text: string) => void;
  isInvalid: boolean;
  /** Open while the JSON does not parse, whatever the user chose: the problem is there. */
  isBroken: boolean;
  isOpenAtFirst: boolean;
  problemsId: string;
};

/** The filter as JSON, for analysts and for what the list cannot say; the same state as the list. */
export function FilterJsonEditor({ text, onChange, isInvalid, isBroken, isOpenAtFirst, problemsId }: FilterJsonEditorProps) {
  const { t } = useI18n();
  const [isOpen, setIsOpen] = useState(isOpenAtFirst);
  const helpId = useId();
  return (
    <details className="filter-json-editor" open={isOpen || isBroken} onToggle={(event) => setIsOpen(event.currentTarget.open)}>
      <summary>{t('segments.conditions.editJson')}</summary>
      <label className="field">
        <span>{t('segments.filterJson')}</span>
        <textarea className="filter-text" value={text} onChange={(event) => onChange(event.target.value)} rows={14} spellCheck={false}
          aria-describedby={`${helpId} ${problemsId}`} aria-invalid={isInvalid} />
      </label>
      <p id={helpId} className="muted small">{t('segments.conditions.jsonHelp')}</p>
    </details>
  );
}
