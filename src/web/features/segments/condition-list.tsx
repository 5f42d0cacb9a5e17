import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { describeCondition, type DescribeContext } from './describe-condition.js';
import { conditionListOf, removeConditionAt, withMatchMode, type MatchMode } from './filter-list.js';
import { purchaseFormOf } from './purchase-form.js';

type ConditionListProps = {
  filter: unknown;
  context: DescribeContext;
  /** Absent where the filter is only shown (a saved segment's page). */
  onChange?: (filter: unknown) => void;
  /** Warnings to show beside a condition (a saved segment's persona that is gone). */
  notesOf?: (condition: unknown) => string[];
  /** Opens the condition at `index` in the purchase form; offered only for a condition that form holds exactly. */
  onEdit?: (index: number, text: string) => void;
};

const isEmptyOr = (filter: unknown) => typeof filter === 'object' && filter !== null && Array.isArray((filter as { or?: unknown }).or) && (filter as { or: unknown[] }).or.length === 0 && Object.keys(filter).length === 1;

/** The filter's top-level conditions in words, matched by all or by any, each removable. */
export function ConditionList({ filter, context, onChange, notesOf, onEdit }: ConditionListProps) {
  const { t } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);
  const emptyRef = useRef<HTMLParagraphElement>(null);
  const isRemoving = useRef(false);
  const list = conditionListOf(filter);
  const remove = (index: number) => {
    isRemoving.current = true;
    onChange?.(removeConditionAt(filter, index));
  };
  // the button that had focus is gone: keep the keyboard user in the list rather than back at the top
  // of the page — or, when it was the last condition, on the sentence that replaced the list
  useEffect(() => {
    if (!isRemoving.current) return;
    isRemoving.current = false;
    (listRef.current ?? emptyRef.current)?.focus();
  });
  if (list.conditions.length === 0) {
    return <p ref={emptyRef} tabIndex={-1} className="condition-empty">{t(isEmptyOr(filter) ? 'segments.conditions.noOne' : 'segments.conditions.everyone')}</p>;
  }
  return (
    <>
      {list.conditions.length > 1 ? <MatchModeChoice mode={list.mode} onChange={onChange ? (mode) => onChange(withMatchMode(filter, mode)) : undefined} /> : null}
      <ul ref={listRef} className="condition-items" aria-label={t('segments.conditions.title')} tabIndex={-1}>
        {list.conditions.map((condition, index) => {
          const description = describeCondition(condition, context);
          return (
            <li key={index} className="condition-item">
              <span className="condition-text">
                {description.isSimple ? description.text : <code className="condition-json">{description.text}</code>}
                {/* a group reads in words, but only the JSON editor changes what is inside it */}
                {!description.isSimple || (description.isGroup && onChange) ? <> <span className="muted small">({t('segments.conditions.complexHint')})</span></> : null}
              </span>
              {notesOf?.(condition).map((note) => <p key={note} className="notice condition-note" role="note">{note}</p>)}
              {onChange && onEdit && description.isSimple && purchaseFormOf(condition) !== null ? (
                <button type="button" className="button-quiet condition-edit" aria-label={t('segments.conditions.editCondition', { condition: description.text })} onClick={() => onEdit(index, description.text)}>
                  {t('common.edit')}
                </button>
              ) : null}
              {onChange ? (
                <button type="button" className="button-quiet condition-remove" aria-label={t('segments.conditions.removeCondition', { condition: description.text })} onClick={() => remove(index)}>
                  {t('segments.conditions.remove')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function MatchModeChoice({ mode, onChange }: { mode: MatchMode; onChange?: (mode: MatchMode) => void }) {
  const { t } = useI18n();
  const name = useId();
  const labelOf = (candidate: MatchMode) => t(candidate === 'all' ? 'segments.conditions.matchAll' : 'segments.conditions.matchAny');
  if (!onChange) return <p className="match-mode">{labelOf(mode)}</p>;
  return (
    <fieldset className="match-mode">
      <legend className="visually-hidden">{t('segments.conditions.matchLegend')}</legend>
      {(['all', 'any'] as const).map((candidate) => (
        <label key={candidate} className="checkbox-field">
          <input type="radio" name={name} value={candidate} checked={mode === candidate} onChange={() => onChange(candidate)} />
          <span>{labelOf(candidate)}</span>
        </label>
      ))}
    </fieldset>
  );
}
