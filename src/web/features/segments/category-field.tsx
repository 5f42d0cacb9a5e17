import type { RefObject } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { completeCategory, suggestCategories, unknownCategories } from './category-names.js';

type CategoryFieldProps = { id: string; value: string; categories: string[] | null; onChange: (value: string) => void; inputRef: RefObject<HTMLInputElement | null> };

/** The category names of a purchase condition; its placeholder names the store's two most bought categories. */
export function CategoryInput({ id, value, categories, onChange, inputRef }: CategoryFieldProps) {
  const { t } = useI18n();
  const examples = (categories ?? []).slice(0, 2);
  const placeholder = examples.length > 0 ? t('segments.builder.categoryHintExamples', { examples: examples.join(', ') }) : t('segments.builder.categoryHint');
  return (
    <div className="field field-wide">
      <label htmlFor={id}>{t('segments.builder.category')}</label>
      <input id={id} ref={inputRef} value={value} onChange={(event) => onChange(event.target.value)} placeholder={placeholder} autoComplete="off" aria-describedby={`${id}-unknown`} />
    </div>
  );
}

/**
 * Below the form row: the store's categories that fit the name being typed,
 * as buttons that complete it, and a quiet note for each name no customer has
 * bought (the condition may still be added: a category can be bought later).
 */
export function CategoryNotes({ id, value, categories, onChange, inputRef }: CategoryFieldProps) {
  const { t } = useI18n();
  const suggestions = categories === null ? [] : suggestCategories(value, categories);
  const unknown = categories === null ? [] : unknownCategories(value, categories);
  const pick = (category: string) => {
    onChange(completeCategory(value, category));
    inputRef.current?.focus();
  };
  return (
    <>
      {suggestions.length > 0 ? (
        <p className="button-row" role="group" aria-labelledby={`${id}-suggestions`}>
          <span id={`${id}-suggestions`} className="muted small">{t('segments.builder.categorySuggestions')}</span>
          {suggestions.map((category) => <button key={category} type="button" className="chip" onClick={() => pick(category)}>{category}</button>)}
        </p>
      ) : null}
      {/* always present, so a screen reader announces a note when it appears */}
      <div id={`${id}-unknown`} aria-live="polite">
        {unknown.map((name) => <p key={name} className="muted small">{t('segments.builder.unknownCategory', { name })}</p>)}
      </div>
    </>
  );
}
