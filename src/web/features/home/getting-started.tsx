import { Link } from '../../routes/router.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';

/** A store with no customers yet: what to do first, instead of seven key figures at zero. */
export function GettingStarted() {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <section className="card getting-started" aria-labelledby="getting-started-title">
      <header className="card-header"><h2 id="getting-started-title">{t('home.gettingStarted.title')}</h2></header>
      <p>{t('home.gettingStarted.body')}</p>
      {can('ingest:write')
        ? <p><Link className="button-link button-primary" to="/import">{t('home.gettingStarted.import')}</Link></p>
        : <p className="muted">{t('home.gettingStarted.askForImport')}</p>}
      <p className="muted small">{t('home.gettingStarted.cli')} <code>clientele import orders orders.csv</code> · <code>clientele demo load cdnow --db ./cdnow</code></p>
    </section>
  );
}
