import { useI18n } from '../../i18n/i18n-context.js';
import { isRangeError, type PurchaseFieldProblems } from './purchase-field-problems.js';
import { windowModes, type WindowForm, type WindowMode } from './purchase-window.js';

type WindowFieldsProps = {
  id: string;
  when: WindowForm;
  onChange: (when: WindowForm) => void;
  /** The fields the form's error is about; `errorKey` is that error, shown beside the two days when it is theirs. */
  problems: PurchaseFieldProblems;
  errorKey: string | null;
};

const modeLabels: Record<WindowMode, string> = { any: 'segments.builder.anyTime', days: 'segments.builder.withinDays', range: 'segments.builder.betweenDays' };

/**
 * When a purchase counts: any time, the last … days, or from one day to another, both included. The
 * date inputs give calendar days ("2025-12-13"), the days of the store's calendar the filter means.
 */
export function WindowFields({ id, when, onChange, problems, errorKey }: WindowFieldsProps) {
  const { t } = useI18n();
  const errorId = `${id}-error`;
  const problem = (isInvalid: boolean) => (isInvalid ? { 'aria-invalid': true, 'aria-describedby': errorId } : {});
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-window`}>{t('segments.builder.when')}</label>
        <select id={`${id}-window`} value={when.mode} onChange={(event) => onChange({ ...when, mode: event.target.value as WindowMode })}>
          {windowModes.map((mode) => <option key={mode} value={mode}>{t(modeLabels[mode])}</option>)}
        </select>
      </div>
      {when.mode === 'days' ? (
        <label className="field">
          <span>{t('segments.builder.withinDays')}</span>
          <input value={when.days} onChange={(event) => onChange({ ...when, days: event.target.value })} inputMode="numeric" size={5} {...problem(problems.days)} />
        </label>
      ) : null}
      {when.mode === 'range' ? (
        <fieldset className="period-fieldset">
          <legend>{t('segments.builder.betweenDays')}</legend>
          <label className="field">
            <span>{t('segments.builder.from')}</span>
            <input type="date" value={when.from} onChange={(event) => onChange({ ...when, from: event.target.value })} aria-required="true" {...problem(problems.from)} />
          </label>
          <label className="field">
            <span>{t('segments.builder.toIncluded')}</span>
            <input type="date" value={when.last} onChange={(event) => onChange({ ...when, last: event.target.value })} aria-required="true" {...problem(problems.last)} />
          </label>
          {/* beside the two days: the error is about them; no `required` or `min`, whose browser messages are not in the reader's language */}
          {errorKey !== null && isRangeError({ category: '', atLeast: '', window: when.mode, days: when.days, from: when.from, last: when.last }, problems) ? <p id={errorId} className="inline-error" role="alert">{t(errorKey)}</p> : null}
        </fieldset>
      ) : null}
    </>
  );
}
