import type { IngestEntity, Reject } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { downloadFile } from '../../components/csv.js';
import { describeField } from './field-labels.js';
import { describeOtherProblems, describeReject } from './reject-text.js';
import { rejectsCsvFile } from './rejects-csv.js';
import { rejectsFileName } from './rejects-file-name.js';

const shownRejects = 200;

/**
 * Reasons are said in the user's language from each reject's code and the values it names; a code
 * the app does not know shows the server's English reason, marked as English. The download says
 * the same as the table, with the code for support. A row's other problems (`also`) follow its reason, each
 * after its field's label, so one pass over the file fixes the row. The field is named by its label, as the mapping
 * above names it; its name in the file's terms is its title. The download is named after the imported file
 * (`importedFile`, as chosen), so one import's rejects are not saved over another's.
 */
export function RejectsTable({ rejects, entity, importedFile }: { rejects: Reject[]; entity: IngestEntity; importedFile: string | null }) {
  const { t, locale } = useI18n();
  if (rejects.length === 0) return null;
  const download = () => downloadFile(rejectsFileName(entity, importedFile, t), rejectsCsvFile(rejects, entity, t, locale));
  return (
    <div className="rejects">
      <h3>{t('import.rejectsTitle', { count: rejects.length })}</h3>
      <div className="table-scroll">
        <table className="data-table">
          <thead><tr><th scope="col">{t('import.line')}</th><th scope="col">{t('import.field')}</th><th scope="col">{t('import.reason')}</th></tr></thead>
          <tbody>
            {rejects.slice(0, shownRejects).map((reject, index) => {
              const reason = describeReject(reject, t, locale);
              return (
                <tr key={`${reject.line}-${index}`} className="reject-row" data-code={reject.code}>
                  <td>{reject.line}</td><td title={reject.field ?? undefined}>{reject.field ? describeField(t, entity, reject.field).label : ''}</td>
                  <td lang={reason.lang} title={reason.original ?? undefined}>
                    {reason.text}
                    {/* each in its own language, with its own English original (an empty title hides the row's) */}
                    {describeOtherProblems(reject, entity, t, locale).map((other, at) => (
                      <div key={at} className="reject-also" lang={locale} title="">
                        {other.label} <span lang={other.reason.lang} title={other.reason.original ?? ''}>{other.reason.text}</span>
                      </div>
                    ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <button type="button" className="button-secondary" onClick={download}>
        {t('import.downloadRejects')}
      </button>
    </div>
  );
}
