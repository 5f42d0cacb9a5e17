import { useId } from 'react';
import type { StoreSummary } from '../../api/analytics-types.js';
import { KeyFigure } from '../../components/key-figure.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { keyFiguresCreditNoteTexts, revenueCreditNotes } from '../reports/revenue-credit-notes.js';
import { groupKeyFigures, keyFigureTexts, totalsCaption, type ComparedFigure } from './key-figure-groups.js';
import { describePeriod } from './period-text.js';

/**
 * Two groups, because the summary holds two kinds of figure (key-figure-groups.ts): what
 * happened in the period, each beside its value in the previous period of the same length, and
 * the store's totals as they stand at the period's end, each beside its own total then. The
 * sentence above the first says what the server compared: on a live store, the period up to now
 * against the same span N days earlier up to the same time of day (so a morning's figures are not
 * held against whole days); whole days for a data set. Under the period's figures, when the store has credit notes,
 * what they do to its revenue: a till's "sales less credit notes" differs from it by those that matched no sale.
 */
export function KeyFigures({ summary }: { summary: StoreSummary }) {
  const { t, locale, format } = useI18n();
  const id = useId();
  const period = describePeriod(summary);
  const groups = groupKeyFigures(summary);
  // with no prices revenue is not recorded: credit notes take nothing off a figure not shown
  const creditNotes = summary.hasPrices === false ? [] : revenueCreditNotes(summary, t, format, locale, keyFiguresCreditNoteTexts);
  const dates = { days: period.days, from: format.date(period.from), previousFrom: format.date(period.previousFrom), previousTo: format.date(period.previousLastDay) };
  const periodText = period.end === 'same-time' && period.previousEnd
    ? t('home.periodTodaySoFar', { days: period.days, from: dates.from, now: format.dateTime(period.asOf), previousFrom: dates.previousFrom, previousNow: format.dateTime(period.previousEnd) })
    : t(period.end === 'whole-days' ? 'home.periodWholeDays' : 'home.periodRange', { ...dates, to: format.date(period.lastDay) });
  const figures = (list: ComparedFigure[]) => (
    <dl className="key-figures">
      {list.map((figure) => {
        const texts = keyFigureTexts(figure, period, { t, locale, format });
        return <KeyFigure key={figure.key} label={texts.label} value={texts.value} comparison={texts.comparison} trend={texts.trend} previous={texts.previous} />;
      })}
    </dl>
  );
  return (
    <>
      <div className="key-figures-group" role="group" aria-labelledby={`${id}-period`}>
        <h3 id={`${id}-period`}>{t('home.lastDays', { days: period.days })}</h3>
        <p className="muted small key-figures-period">{periodText}</p>
        {figures(groups.period)}
        {creditNotes.length > 0 ? <p className="muted small key-figures-credit-notes">{creditNotes.join(' ')}</p> : null}
      </div>
      <div className="key-figures-group" role="group" aria-labelledby={`${id}-totals`}>
        <h3 id={`${id}-totals`}>{t('home.totals.title')}</h3>
        <p className="muted small key-figures-totals">{totalsCaption(period, { t, locale, format })}</p>
        {figures(groups.totals)}
      </div>
    </>
  );
}
