import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { useSession } from '../auth/session-context.js';

/**
 * In place of the customer list when the store has no customers at all (no filter set, no one listed):
 * "no customers match these filters" would blame filters nobody set. The way forward is the import:
 * a link for the roles that may import, whom to ask for the others.
 */
export function EmptyStoreNotice() {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <div className="card empty-store-notice">
      <p>{t('customers.emptyStore.body')}</p>
      {can('ingest:write')
        ? <p><Link className="button-link button-primary" to="/import">{t('customers.emptyStore.import')}</Link></p>
        : <p className="muted">{t('customers.emptyStore.askForImport')}</p>}
    </div>
  );
}
