import type { Reject } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { downloadFile, toCsv } from '../../components/csv.js';

const shownRejects = 200;

/** Reasons come from the server's validator and name the value and the fix; they are shown as sent. */
export function RejectsTable({ rejects }: { rejects: Reject[] }) {
  const { t } = useI18n();
  if (rejects.length === 0) return null;
  return (
    <div className="rejects">
      <h3>{t('import.rejectsTitle', { count: rejects.length })}</h3>
      <div className="table-scroll">
        <table className="data-table">
          <thead><tr><th scope="col">{t('import.line')}</th><th scope="col">{t('import.field')}</th><th scope="col">{t('import.reason')}</th></tr></thead>
          <tbody>
            {rejects.slice(0, shownRejects).map((reject, index) => (
              <tr key={`${reject.line}-${index}`} className="reject-row"><td>{reject.line}</td><td>{reject.field ?? ''}</td><td>{reject.reason}</td></tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="button-secondary" onClick={() => downloadFile('rejects.csv', toCsv([['line', 'field', 'reason'], ...rejects.map((reject) => [reject.line, reject.field, reject.reason])]))}>
        {t('import.downloadRejects')}
      </button>
    </div>
  );
}
