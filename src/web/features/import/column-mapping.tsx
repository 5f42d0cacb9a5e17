import type { IngestEntity } from '../../api/types.js';
import type { Mapping } from '../../../ingest/rows/fields.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { fieldsOf } from './import-mapping.js';

type ColumnMappingProps = { entity: IngestEntity; headers: string[]; firstRow: Record<string, string> | undefined; mapping: Mapping; onChange: (mapping: Mapping) => void };

export function ColumnMapping({ entity, headers, firstRow, mapping, onChange }: ColumnMappingProps) {
  const { t } = useI18n();
  const set = (field: string, column: string) => {
    const next = { ...mapping };
    if (column === '') delete next[field];
    else next[field] = column;
    onChange(next);
  };
  return (
    <div className="table-scroll">
      <table className="data-table mapping-table">
        <caption className="visually-hidden">{t('import.mappingCaption')}</caption>
        <thead>
          <tr><th scope="col">{t('import.field')}</th><th scope="col">{t('import.column')}</th><th scope="col">{t('import.sample')}</th></tr>
        </thead>
        <tbody>
          {fieldsOf(entity).map((field) => (
            <tr key={field}>
              <th scope="row"><code>{field}</code></th>
              <td>
                <select aria-label={t('import.columnFor', { field })} value={mapping[field] ?? ''} onChange={(event) => set(field, event.target.value)}>
                  <option value="">{t('import.notMapped')}</option>
                  {headers.map((header) => <option key={header} value={header}>{header}</option>)}
                </select>
              </td>
              <td className="muted">{mapping[field] && firstRow ? firstRow[mapping[field]] ?? '' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
