import { useI18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import type { ParsedCsv } from './parse-csv.js';

const previewRows = 5;

export function CsvPreview({ csv }: { csv: ParsedCsv }) {
  const { t, format, locale } = useI18n();
  const counted = (key: string, count: number) => t(pluralKey(locale, key, count), { count: format.number(count) });
  return (
    <div>
      <p className="muted small">{t('import.previewSummary', { file: csv.fileName, rows: counted('import.rowCount', csv.rows.length), columns: counted('import.columnCount', csv.headers.length) })}</p>
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
