import { useI18n } from '../../i18n/i18n-context.js';
import type { ImportTotals } from './run-import.js';

export function ImportProgress({ totals, total, isDone }: { totals: ImportTotals; total: number; isDone: boolean }) {
  const { t, format } = useI18n();
  return (
    <div className="import-progress">
      <label className="field">
        <span>{isDone ? t('import.finished') : t('import.running')}</span>
        <progress max={Math.max(total, 1)} value={totals.read} />
      </label>
      <p role="status" aria-live="polite" className="import-summary">
        {t('import.summary', {
          read: format.number(totals.read), total: format.number(total), inserted: format.number(totals.inserted),
          updated: format.number(totals.updated), unchanged: format.number(totals.unchanged), rejected: format.number(totals.rejected),
        })}
      </p>
    </div>
  );
}
