import { Fragment } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { importSummaryLines } from './import-summary.js';
import type { ImportTotals } from './run-import.js';

export function ImportProgress({ totals, total, isDone }: { totals: ImportTotals; total: number; isDone: boolean }) {
  const { t, format, locale } = useI18n();
  return (
    <div className="import-progress">
      <label className="field">
        <span>{isDone ? t('import.finished') : t('import.running')}</span>
        <progress max={Math.max(total, 1)} value={totals.read} />
      </label>
      <p role="status" aria-live="polite" className="import-summary">
        {/* the orders on a line of their own; the space keeps the sentences apart in the text read aloud */}
        {importSummaryLines(totals, total, t, format, locale).map((line, index) => <Fragment key={index}>{index > 0 && <>{' '}<br /></>}{line}</Fragment>)}
      </p>
    </div>
  );
}
