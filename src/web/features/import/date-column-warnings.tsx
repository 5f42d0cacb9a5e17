import { Fragment } from 'react';
import type { IngestEntity } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { InferredDateFormat } from '../../../ingest/rows/date-format-guess.js';
import type { UnreadableDateColumn } from './date-columns.js';
import { describeField } from './field-labels.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/**
 * What a date column warning says: the dates the format does not read and what to do (`advice`,
 * followed by the formats' buttons), and apart from them a value no format reads, whose row is
 * refused whatever format is chosen and must be corrected in the file. A problem already said under
 * the date format field (`isSaidUnderField`) is not said again: only the advice, by the column it is for.
 */
export function dateColumnWarningText(t: Translate, entity: IngestEntity, column: UnreadableDateColumn, isSaidUnderField = false): { problem: string | null; advice: string | null; notDate: string | null } {
  const label = describeField(t, entity, column.field).label;
  const notDate = column.notDate === null ? null : t('import.dateNotADate', { column: column.column, label, value: column.notDate });
  if (column.value === null) return { problem: null, advice: null, notDate };
  const values = { column: column.column, label, value: column.value };
  const problem = column.format === null ? t('import.dateUnreadable', values) : t('import.dateMismatch', { ...values, format: column.format });
  const advice = column.formats.length === 1 ? t('import.dateFormatFits') : column.formats.length > 1 ? t('import.dateFormatEither')
    : column.conflict === null ? t('import.dateFormatNone') : t('import.dateFormatConflict', { other: column.conflict });
  if (isSaidUnderField) return { problem: null, advice: t('import.dateColumnAdvice', { column: column.column, label, advice }), notDate };
  return { problem, advice, notDate };
}

/**
 * Said before the import rather than after it, as every row refused: a date column the date
 * format (or none) cannot read, with the formats that read it, one click away.
 */
export function DateColumnWarnings({ entity, columns, saidUnderField = [], onUseFormat }: {
  entity: IngestEntity; columns: UnreadableDateColumn[]; saidUnderField?: readonly string[]; onUseFormat: (format: string) => void;
}) {
  const { t } = useI18n();
  if (columns.length === 0) return null;
  return (
    <div className="notice date-column-warnings" role="alert">
      {columns.map((column) => {
        const { problem, advice, notDate } = dateColumnWarningText(t, entity, column, saidUnderField.includes(column.field));
        return (
          <Fragment key={column.field}>
            {advice !== null && (
              <p className="date-column-warning" data-field={column.field}>
                {problem === null ? advice : `${problem} ${advice}`}
                {column.formats.map((format) => (
                  <Fragment key={format}>
                    {' '}
                    <button type="button" className="button-secondary" onClick={() => onUseFormat(format)}>{t('import.useDateFormat', { format })}</button>
                  </Fragment>
                ))}
              </p>
            )}
            {notDate !== null && <p className="date-column-warning date-not-a-date" data-field={column.field}>{notDate}</p>}
          </Fragment>
        );
      })}
    </div>
  );
}

/** The id of what DateFormatProblem says under the date format field. */
export const dateFormatProblemId = 'date-format-problem';

/**
 * What describes the Import button held back by a date format that reads none of a column's dates: the
 * reason said under the date format field (DateFormatProblem, shown for `problems`); nothing otherwise.
 */
export function importHeldBackDescription(refusedWhole: readonly UnreadableDateColumn[], problems: readonly UnreadableDateColumn[]): string | undefined {
  const shown = new Set(problems.map((column) => column.field));
  return refusedWhole.some((column) => shown.has(column.field)) ? dateFormatProblemId : undefined;
}

/**
 * Under the date format field, what the format typed misses: the dates of a column it does not
 * read, and, when it reads none of a column's dates (`refusedWhole`), that nothing is imported
 * until it fits them (the page holds the import back, its Import button described by this). The formats
 * that fit are offered in step 2, without saying the problem again.
 */
export function DateFormatProblem({ id, entity, columns, refusedWhole }: {
  id: string; entity: IngestEntity; columns: readonly UnreadableDateColumn[]; refusedWhole: readonly UnreadableDateColumn[];
}) {
  const { t } = useI18n();
  const isWhole = new Set(refusedWhole.map((column) => column.field));
  return (
    <div id={id} className="inline-error date-format-problem">
      {columns.map((column) => (
        <p key={column.field}>
          {dateColumnWarningText(t, entity, column).problem}
          {isWhole.has(column.field) ? ` ${t('import.dateFormatRefusesAll')}` : ''}
        </p>
      ))}
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
