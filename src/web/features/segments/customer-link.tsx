import type { CustomerBrief } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';

/** A customer's name (or number when nameless) linking to their 360 page. */
export function CustomerLink({ customer }: { customer: Pick<CustomerBrief, 'customer_id' | 'name'> }) {
  const { t } = useI18n();
  return <Link to={`/customers/${customer.customer_id}`}>{customer.name ?? t('customers.unnamed', { id: customer.customer_id })}</Link>;
}
