import { useId } from 'react';
import type { IngestEntity } from '../../api/types.js';
import type { Mapping } from '../../../ingest/rows/fields.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { alternativesText, describeField } from './field-labels.js';
import { requirementOf } from './field-requirements.js';
import { fieldsOf, type ColumnChoice } from './import-mapping.js';

type ColumnMappingProps = {
  entity: IngestEntity; headers: string[]; firstRow: Record<string, string> | undefined; mapping: Mapping; onChange: (mapping: Mapping) => void;
  /** The fields the suggestion left for the user, with the columns that could hold them (suggestMapping). */
  choices?: Readonly<Record<string, ColumnChoice>>;
  /** A format's mapping is shown, not edited: the format's value fixes expect its own columns. */
  isFixed?: boolean;
};

/** A format's own column ("=phone"): worked out from the row by the format, not read from one column. */
const isDerived = (column: string | undefined) => column?.startsWith('=') ?? false;

export function ColumnMapping({ entity, headers, firstRow, mapping, onChange, choices = {}, isFixed = false }: ColumnMappingProps) {
  const { t } = useI18n();
  const idPrefix = useId();
  const set = (field: string, column: string) => {
    const next = { ...mapping };
    if (column === '') delete next[field];
    else next[field] = column;
    onChange(next);
  };
  const fields = isFixed ? fieldsOf(entity, mapping).filter((field) => mapping[field] !== undefined) : fieldsOf(entity, mapping, headers);
  return (
    <div className="mapping-scroll">
      {isFixed ? <p className="muted small">{t('import.presetNote')}</p> : null}
      <table className="data-table mapping-table">
        <caption className="visually-hidden">{t('import.mappingCaption')}</caption>
        <thead>
          <tr><th scope="col">{t('import.field')}</th><th scope="col">{t('import.column')}</th><th scope="col">{t('import.sample')}</th></tr>
        </thead>
        <tbody>
          {fields.map((field, index) => {
            const { label, hint } = describeField(t, entity, field);
            const requirement = requirementOf(entity, field);
            const others = requirement?.fields.filter((other) => other !== field && !(other.endsWith('.') && field.startsWith(other))) ?? [];
            const requiredId = `${idPrefix}-required-${index}`;
            const hintId = `${idPrefix}-hint-${index}`;
            // said only while the field waits for the user's choice
            const choice = mapping[field] === undefined ? choices[field] : undefined;
            const choiceId = `${idPrefix}-choice-${index}`;
            const describedBy = [requirement ? requiredId : null, hint ? hintId : null, choice ? choiceId : null].filter(Boolean).join(' ');
            return (
              <tr key={field} className="mapping-row">
                <th scope="row" className="mapping-field">
                  <span className="mapping-label">{label}</span> <code className="mapping-name">{field}</code>
                  {requirement ? (
                    <span className="mapping-required" id={requiredId}>
                      {others.length === 0 ? t('importFields.required') : t('importFields.requiredOr', { fields: alternativesText(t, entity, others) })}
                    </span>
                  ) : null}
                  {hint ? <span className="mapping-hint" id={hintId}>{hint}</span> : null}
                  {choice ? (
                    <span className="mapping-hint mapping-choice" id={choiceId} data-reason={choice.reason}>
                      {t(choice.reason === 'money' ? 'import.choiceMoney' : 'import.choiceSeveral', { columns: choice.columns.map((column) => `“${column}”`).join(', ') })}
                    </span>
                  ) : null}
                </th>
                <td className="mapping-column">
                  <select aria-label={t('import.columnFor', { label, field })} aria-describedby={describedBy || undefined} aria-required={requirement !== null && others.length === 0}
                    value={mapping[field] ?? ''} disabled={isFixed} onChange={(event) => set(field, event.target.value)}>
                    <option value="">{t('import.notMapped')}</option>
                    {isDerived(mapping[field]) ? <option value={mapping[field]}>{t('import.derived')}</option> : null}
                    {headers.map((header) => <option key={header} value={header}>{header}</option>)}
                  </select>
                </td>
                <td className="muted mapping-sample" data-label={t('import.sample')}>{mapping[field] && !isDerived(mapping[field]) && firstRow ? firstRow[mapping[field]] ?? '' : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
