import { useI18n } from '../../i18n/i18n-context.js';
import type { ParsedCsv } from './parse-csv.js';

const previewRows = 5;

export function CsvPreview({ csv }: { csv: ParsedCsv }) {
  const { t, format } = useI18n();
  return (
    <div>
      <p className="muted small">{t('import.previewSummary', { file: csv.fileName, rows: format.number(csv.rows.length), columns: csv.headers.length })}</p>
      <div className="table-scroll">
        <table className="data-table preview-table">
          <caption className="visually-hidden">{t('import.previewCaption')}</caption>
          <thead><tr>{csv.headers.map((header) => <th key={header} scope="col">{header}</th>)}</tr></thead>
          <tbody>
            {csv.rows.slice(0, previewRows).map((row, index) => (
              <tr key={index}>{csv.headers.map((header) => <td key={header}>{row[header] ?? ''}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
