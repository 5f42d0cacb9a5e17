import { Link } from '../../routes/router.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { useEmptyReportText } from '../reports/analysis-notice.js';
import type { AnalysisState } from '../reports/analysis-state.js';

/** A store with no customers yet: what to do first, instead of seven key figures at zero; and, once analysed, that the analysis found no one. */
export function GettingStarted({ analysis }: { analysis: AnalysisState }) {
  const { t } = useI18n();
  const { can } = useSession();
  const analysisText = useEmptyReportText(analysis, '');
  return (
    <section className="card getting-started" aria-labelledby="getting-started-title">
      <header className="card-header"><h2 id="getting-started-title">{t('home.gettingStarted.title')}</h2></header>
      <p>{t('home.gettingStarted.body')}</p>
      {analysis.kind === 'found-none' ? <p className="getting-started-analysis">{analysisText} {t('reports.analysis.nextImport')}</p> : null}
      {can('ingest:write')
        ? <p><Link className="button-link button-primary" to="/import">{t('home.gettingStarted.import')}</Link></p>
        : <p className="muted">{t('home.gettingStarted.askForImport')}</p>}
      <p className="muted small">{t('home.gettingStarted.cli')} <code>clientele import orders orders.csv</code> · <code>clientele demo load cdnow --db ./cdnow</code></p>
    </section>
  );
}
