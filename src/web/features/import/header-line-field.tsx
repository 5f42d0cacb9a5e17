import type { HeaderAdvice, RecognisedExport } from '../../../ingest/presets/recognise-export.js';
import type { IngestEntity } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { headerAdviceTexts } from './header-advice.js';
import type { ParsedCsv } from './parse-csv.js';

// enough of a line's names to tell a title from a header
const namesShown = 4;

/**
 * The line the header is read from (the CLI's --header-line), among the file's first lines: a
 * report's title and period above its header are skipped, and its rows keep their lines.
 */
export function HeaderLineField({ csv, isDisabled, onChange }: { csv: Pick<ParsedCsv, 'headerLine' | 'headerCandidates'>; isDisabled: boolean; onChange: (line: number) => void }) {
  const { t } = useI18n();
  const candidates = csv.headerCandidates.some((candidate) => candidate.line === csv.headerLine)
    ? csv.headerCandidates : [...csv.headerCandidates, { line: csv.headerLine, headers: [] }];
  const named = (headers: readonly string[]) => headers.slice(0, namesShown).join(', ') + (headers.length > namesShown ? ', …' : '');
  return (
    <label className="field header-line-field">
      <span>{t('import.headerLine')}</span>
      <select name="headerLine" value={csv.headerLine} disabled={isDisabled} onChange={(event) => onChange(Number(event.target.value))}>
        {candidates.map(({ line, headers }) => <option key={line} value={line}>{t('import.headerLineOption', { line, columns: named(headers) })}</option>)}
      </select>
    </label>
  );
}

/** What the file seems to need read otherwise, each with the click that does it: the header's line, the format. */
export function HeaderAdviceNotice({ advice, entity, isDisabled, onUseLine, onUsePreset }: {
  advice: HeaderAdvice; entity: IngestEntity; isDisabled: boolean; onUseLine: (line: number) => void; onUsePreset: (recognised: RecognisedExport) => void;
}) {
  const { t } = useI18n();
  const texts = headerAdviceTexts(advice, entity, t);
  const { headerLine, preset } = advice;
  return (
    <div className="notice header-advice" role="status">
      {texts.headerLine ? <p>{texts.headerLine}</p> : null}
      {texts.preset ? <p>{texts.preset}</p> : null}
      <div className="button-row">
        {headerLine !== null ? (
          <button type="button" className="button-primary" disabled={isDisabled} onClick={() => onUseLine(headerLine)}>{t('import.headerAdvice.useLine', { line: headerLine })}</button>
        ) : null}
        {preset !== null ? (
          <button type="button" className={headerLine === null ? 'button-primary' : 'button-secondary'} disabled={isDisabled} onClick={() => onUsePreset(preset)}>
            {t('import.headerAdvice.usePreset')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
