import { Fragment } from 'react';
import type { IngestEntity } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { InferredDateFormat } from '../../../ingest/rows/date-format-guess.js';
import type { UnreadableDateColumn } from './date-columns.js';
import { describeField } from './field-labels.js';

/**
 * Said before the import rather than after it, as every row refused: a date column the date
 * format (or none) cannot read, with the formats that read it, one click away.
 */
export function DateColumnWarnings({ entity, columns, onUseFormat }: { entity: IngestEntity; columns: UnreadableDateColumn[]; onUseFormat: (format: string) => void }) {
  const { t } = useI18n();
  if (columns.length === 0) return null;
  return (
    <div className="notice date-column-warnings" role="alert">
      {columns.map((column) => {
        const values = { column: column.column, label: describeField(t, entity, column.field).label, value: column.value };
        const advice = column.formats.length === 0 ? 'import.dateFormatNone' : column.formats.length === 1 ? 'import.dateFormatFits' : 'import.dateFormatEither';
        return (
          <p key={column.field} className="date-column-warning" data-field={column.field}>
            {column.format === null ? t('import.dateUnreadable', values) : t('import.dateMismatch', { ...values, format: column.format })}{' '}
            {t(advice)}
            {column.formats.map((format) => (
              <Fragment key={format}>
                {' '}
                <button type="button" className="button-secondary" onClick={() => onUseFormat(format)}>{t('import.useDateFormat', { format })}</button>
              </Fragment>
            ))}
          </p>
        );
      })}
    </div>
  );
}

/**
 * Why the date format was filled in for the user (provenDateFormat): the value that proves the
 * day's place, so a wrong guess is seen and the format typed over.
 */
export function ProvenDateFormatNote({ entity, proven, id }: { entity: IngestEntity; proven: InferredDateFormat; id: string }) {
  const { t } = useI18n();
  const values = { format: proven.format, column: proven.column, label: describeField(t, entity, proven.field).label, value: proven.inferredFrom ?? '' };
  return (
    <p id={id} className="muted small date-format-proven" role="status">
      {t(proven.format.startsWith('d') ? 'import.dateFormatProvenDayFirst' : 'import.dateFormatProvenMonthFirst', values)}
    </p>
  );
}
