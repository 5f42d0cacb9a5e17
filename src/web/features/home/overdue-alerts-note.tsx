import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';

/** Where the whole at-risk list is: the customers filtered by the type, whose filter reads it from the address. */
export const atRiskCustomersPath = '/customers?type=at_risk';

/**
 * Why the overdue alerts are fewer than the customers at risk beside them: an alert is raised on the
 * day a customer with a regular rhythm becomes overdue (docs/customer-types.md), so the list holds the
 * recent ones only, while the at-risk type counts everyone overdue by their own rhythm, however long ago.
 */
export function OverdueAlertsNote() {
  const { t } = useI18n();
  return (
    <p className="muted small overdue-alerts-note">
      {t('home.overdueAlertsNote')} <Link to={atRiskCustomersPath}>{t('home.atRiskCustomers')}</Link>
    </p>
  );
}
