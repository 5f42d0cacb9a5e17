import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { useSession } from '../auth/session-context.js';
import { dayForMessage } from './message-day.js';
import { analysisNextStep, emptyReportMessage, type AnalysisState } from './analysis-state.js';

/** The empty-report text for this analysis state, or `fallback` when the state says nothing more. */
export function useEmptyReportText(state: AnalysisState, fallback: string): string {
  const { t, format, locale } = useI18n();
  const message = emptyReportMessage(state);
  return message ? t(message.key, message.day ? { day: dayForMessage(message.day, { key: message.key, name: 'day' }, locale, format) } : {}) : fallback;
}

/** Above the reports while they have nothing to show: whether the analysis ran, and the next step (the import, or the Run analysis button beside the title). */
export function AnalysisNotice({ state }: { state: AnalysisState }) {
  const { t } = useI18n();
  const { can } = useSession();
  const text = useEmptyReportText(state, '');
  const nextStep = analysisNextStep(state);
  if (text === '' || nextStep === null) return null;
  return (
    <section className="card analysis-notice" aria-labelledby="analysis-notice-title">
      <header className="card-header"><h2 id="analysis-notice-title">{t('reports.analysis.title')}</h2></header>
      <p>{text} {t(nextStep)}</p>
      {state.kind !== 'found-none' ? null : can('ingest:write')
        ? <p><Link className="button-link button-primary" to="/import">{t('home.gettingStarted.import')}</Link></p>
        : <p className="muted">{t('home.gettingStarted.askForImport')}</p>}
    </section>
  );
}
