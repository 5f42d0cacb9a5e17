import type { CustomerIdSource } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import type { SourceChoice } from './import-source.js';

// a value no source name can be: the select's option for naming a new source
const newSourceOption = '\u0000new';

/**
 * Where the file's ids come from: a source the store's customer ids already come from (with
 * how many), or a new one the user names. The hint says why it matters, in one line.
 */
export function SourceField({ sources, choice, isDisabled, onChange }: { sources: readonly CustomerIdSource[]; choice: SourceChoice; isDisabled: boolean; onChange: (choice: SourceChoice) => void }) {
  const { t, format, locale } = useI18n();
  return (
    <>
      <label className="field">
        <span>{t('import.source')}</span>
        <select name="source" value={choice.isNew ? newSourceOption : choice.source} disabled={isDisabled} aria-describedby="source-hint"
          onChange={(event) => onChange(event.target.value === newSourceOption ? { source: '', isNew: true } : { source: event.target.value, isNew: false })}>
          {sources.map((listed) => (
            <option key={listed.source} value={listed.source}>{t(pluralKey(locale, 'import.sourceIds', listed.ids), { source: listed.source, count: format.number(listed.ids) })}</option>
          ))}
          <option value={newSourceOption}>{t('import.sourceNew')}</option>
        </select>
      </label>
      {choice.isNew ? (
        <label className="field">
          <span>{t('import.sourceName')}</span>
          <input type="text" name="sourceName" value={choice.source} maxLength={64} required disabled={isDisabled} aria-describedby="source-hint"
            onChange={(event) => onChange({ source: event.target.value, isNew: true })} />
        </label>
      ) : null}
    </>
  );
}

export function SourceHint() {
  const { t } = useI18n();
  return <p id="source-hint" className="muted small">{t('import.sourceHint')}</p>;
}
