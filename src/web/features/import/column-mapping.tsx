import type { IngestEntity } from '../../api/types.js';
import type { Mapping } from '../../../ingest/rows/fields.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { fieldsOf } from './import-mapping.js';

type ColumnMappingProps = {
  entity: IngestEntity; headers: string[]; firstRow: Record<string, string> | undefined; mapping: Mapping; onChange: (mapping: Mapping) => void;
  /** A format's mapping is shown, not edited: the format's value fixes expect its own columns. */
  isFixed?: boolean;
};

/** A format's own column ("=phone"): worked out from the row by the format, not read from one column. */
const isDerived = (column: string | undefined) => column?.startsWith('=') ?? false;

export function ColumnMapping({ entity, headers, firstRow, mapping, onChange, isFixed = false }: ColumnMappingProps) {
  const { t } = useI18n();
  const set = (field: string, column: string) => {
    const next = { ...mapping };
    if (column === '') delete next[field];
    else next[field] = column;
    onChange(next);
  };
  const fields = isFixed ? fieldsOf(entity).filter((field) => mapping[field] !== undefined) : fieldsOf(entity);
  return (
    <div className="table-scroll">
      {isFixed ? <p className="muted small">{t('import.presetNote')}</p> : null}
      <table className="data-table mapping-table">
        <caption className="visually-hidden">{t('import.mappingCaption')}</caption>
        <thead>
          <tr><th scope="col">{t('import.field')}</th><th scope="col">{t('import.column')}</th><th scope="col">{t('import.sample')}</th></tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field}>
              <th scope="row"><code>{field}</code></th>
              <td>
                <select aria-label={t('import.columnFor', { field })} value={mapping[field] ?? ''} disabled={isFixed} onChange={(event) => set(field, event.target.value)}>
                  <option value="">{t('import.notMapped')}</option>
                  {isDerived(mapping[field]) ? <option value={mapping[field]}>{t('import.derived')}</option> : null}
                  {headers.map((header) => <option key={header} value={header}>{header}</option>)}
                </select>
              </td>
              <td className="muted">{mapping[field] && !isDerived(mapping[field]) && firstRow ? firstRow[mapping[field]] ?? '' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
