import type { HeaderAdvice, RecognisedExport } from '../../../ingest/presets/recognise-export.js';
import type { IngestEntity } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { headerAdviceTexts } from './header-advice.js';
import { headerLineOptions, writtenNames } from './header-line-options.js';
import type { ParsedCsv } from './parse-csv.js';

// enough of a line's names to tell a title from a header
const namesShown = 4;

/**
 * The line the header is read from (the CLI's --header-line), among the file's first lines: a
 * report's title and period above its header are skipped, and its rows keep their lines.
 * `advisedLine`: the line the advice proposes, which with those above it are the lines offered.
 */
export function HeaderLineField({ csv, advisedLine, isDisabled, onChange }: {
  csv: Pick<ParsedCsv, 'headerLine' | 'headerCandidates'>; advisedLine: number | null; isDisabled: boolean; onChange: (line: number) => void;
}) {
  const { t } = useI18n();
  const options = headerLineOptions(csv.headerCandidates, csv.headerLine, advisedLine);
  const named = (headers: readonly string[]) => {
    const names = writtenNames(headers);
    return names.slice(0, namesShown).join(', ') + (names.length > namesShown ? ', …' : '');
  };
  return (
    <label className="field header-line-field">
      <span>{t('import.headerLine')}</span>
      <select name="headerLine" value={csv.headerLine} disabled={isDisabled} onChange={(event) => onChange(Number(event.target.value))}>
        {options.map(({ line, headers }) => <option key={line} value={line}>{t('import.headerLineOption', { line, columns: named(headers) })}</option>)}
      </select>
    </label>
  );
}

/**
 * What the file seems to need read otherwise, each with the click that does it: the header's line,
 * the format. A known export read with no format (`formatChoice`, format-choice.ts) is not imported
 * until the format is chosen or the user ticks that its column names are meant.
 */
export function HeaderAdviceNotice({ advice, entity, isDisabled, formatChoice, onUseLine, onUsePreset }: {
  advice: HeaderAdvice; entity: IngestEntity; isDisabled: boolean; formatChoice: { isNeeded: boolean; isReadByColumnNames: boolean; onReadByColumnNames: (isChosen: boolean) => void };
  onUseLine: (line: number) => void; onUsePreset: (recognised: RecognisedExport) => void;
}) {
  const { t } = useI18n();
  const texts = headerAdviceTexts(advice, entity, t);
  const { headerLine, preset } = advice;
  return (
    <div className="notice header-advice" role="status">
      {texts.headerLine ? <p>{texts.headerLine}</p> : null}
      {texts.preset ? <p>{texts.preset}</p> : null}
      {formatChoice.isNeeded ? <p>{t('import.headerAdvice.presetNeeded')}</p> : null}
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
      {formatChoice.isNeeded ? (
        <label className="checkbox-field">
          <input type="checkbox" name="readByColumnNames" checked={formatChoice.isReadByColumnNames} disabled={isDisabled}
            onChange={(event) => formatChoice.onReadByColumnNames(event.target.checked)} />
          <span>{t('import.headerAdvice.readByColumnNames')}</span>
        </label>
      ) : null}
    </div>
  );
}
