import type { CustomerBrief } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { customerLabel } from '../customers/customer-label.js';

/** How the customer list names a customer (name, else email, else number), linking to their 360 page. */
export function CustomerLink({ customer }: { customer: Pick<CustomerBrief, 'customer_id' | 'name' | 'email'> }) {
  const { t } = useI18n();
  return <Link to={`/customers/${customer.customer_id}`}>{customerLabel(customer, t)}</Link>;
}
