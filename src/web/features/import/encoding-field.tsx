import { useI18n } from '../../i18n/i18n-context.js';
import { fileEncodings } from './file-encoding.js';
import type { UndecodableFile } from './parse-csv.js';

/**
 * The encoding the file was saved in, asked for once it does not read as UTF-8 (the CLI's
 * --encoding); kept in view after a choice, so a wrong one can be changed when the preview's
 * names read wrongly.
 */
export function EncodingField({ value, isDisabled, hasProblem, onChange }: { value: string | null; isDisabled: boolean; hasProblem: boolean; onChange: (encoding: string) => void }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t('import.encoding')}</span>
      <select name="encoding" value={value ?? ''} disabled={isDisabled} aria-describedby={hasProblem ? 'encoding-problem' : undefined} onChange={(event) => onChange(event.target.value)}>
        <option value="" disabled>{t('import.encodingChoose')}</option>
        {fileEncodings.map((encoding) => <option key={encoding} value={encoding}>{t(`import.encodingNames.${encoding}`)}</option>)}
      </select>
    </label>
  );
}

/** Why nothing of the file is shown: its text is not in the encoding it was read in. */
export function UndecodableNotice({ file }: { file: UndecodableFile }) {
  const { t } = useI18n();
  const { encoding, line, likely } = file.undecodable;
  const name = t(`import.encodingNames.${encoding}`);
  return (
    <p id="encoding-problem" className="inline-error encoding-problem" role="alert">
      {t('import.encodingProblem', { file: file.fileName, line, encoding: name })}
      {likely ? ` ${t('import.encodingLikely', { encoding: t(`import.encodingNames.${likely}`) })}` : ''}
    </p>
  );
}
