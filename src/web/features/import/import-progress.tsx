import { Fragment, type RefObject } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { firstReasons, isNothingImported } from './import-outcome.js';
import { importSummaryLines } from './import-summary.js';
import type { ImportTotals } from './run-import.js';

/**
 * What the run came to, once it is done: finished (nothing imported said apart), cancelled by the
 * user, or stopped by an error (which the page shows). "Finished" over a cancelled run read as if
 * the whole file had been imported, while the list of imports called it stopped.
 */
export function progressHeading(totals: Pick<ImportTotals, 'ending'>, isDone: boolean, isNothing: boolean): string {
  if (!isDone) return 'import.running';
  if (totals.ending === 'cancelled') return 'import.cancelled';
  if (totals.ending === null) return 'import.stopped';
  return isNothing ? 'import.finishedNothing' : 'import.finished';
}

/** `summaryRef`: the page moves focus to the summary when the run is over (it is focusable for that). */
export function ImportProgress({ totals, total, isDone, summaryRef }: { totals: ImportTotals; total: number; isDone: boolean; summaryRef?: RefObject<HTMLParagraphElement | null> }) {
  const { t, format, locale } = useI18n();
  const canOverrideConsent = useSession().can('consent:override');
  // "Finished" alone over a file of which nothing was stored reads as if all went well
  const isNothing = isDone && totals.ending === 'completed' && isNothingImported(totals);
  return (
    <div className="import-progress">
      <label className="field">
        <span>{t(progressHeading(totals, isDone, isNothing))}</span>
        <progress max={Math.max(total, 1)} value={totals.read} />
      </label>
      {isDone && totals.ending === 'cancelled' ? <p className="notice import-cancelled" role="status">{t('import.cancelledNote')}</p> : null}
      {isNothing ? (
        <div className="notice import-nothing" role="alert">
          <p><strong>{t('import.allRejected')}</strong></p>
          <ul>{firstReasons(totals.rejects, t, locale).map((reason, index) => <li key={index} lang={reason.lang}>{reason.text}</li>)}</ul>
        </div>
      ) : null}
      <p ref={summaryRef} role="status" aria-live="polite" tabIndex={-1} className="import-summary">
        {/* the orders on a line of their own; the space keeps the sentences apart in the text read aloud */}
        {importSummaryLines(totals, total, t, format, locale, { canOverrideConsent }).map((line, index) => <Fragment key={index}>{index > 0 && <>{' '}<br /></>}{line}</Fragment>)}
      </p>
    </div>
  );
}
