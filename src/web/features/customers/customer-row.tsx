import type { CSSProperties } from 'react';
import type { CustomerSummary } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { customerLabel } from './customer-label.js';

/** The contact not already used as the label, so a lead known only by email does not show it twice. */
function secondaryContact(customer: CustomerSummary): string {
  if (customer.name) return customer.email ?? customer.phone ?? '';
  return customer.email ? customer.phone ?? '' : '';
}

type CustomerRowProps = { customer: CustomerSummary; rowIndex: number; style: CSSProperties };

export function CustomerRow({ customer, rowIndex, style }: CustomerRowProps) {
  const { t, format } = useI18n();
  return (
    <div role="row" className="customer-row" aria-rowindex={rowIndex} style={style}>
      <span role="cell" className="customer-cell-name">
        <Link to={`/customers/${customer.customer_id}`}>{customerLabel(customer, t)}</Link>
        <span className="muted small">{secondaryContact(customer)}</span>
      </span>
      <span role="cell">
        <span className={`badge ${customer.is_real ? 'badge-real' : 'badge-lead'}`}>{t(customer.is_real ? 'customers.status.real' : 'customers.status.lead')}</span>
      </span>
      <span role="cell" className="customer-cell-type hide-narrow">
        {customer.primary_type ? (
          <span className={`type-tag type-${customer.primary_type}`} title={(customer.types ?? [customer.primary_type]).map((type) => t(`customerTypes.${type}`)).join(', ')}>{t(`customerTypes.${customer.primary_type}`)}</span>
        ) : null}
        {customer.rfm_segment ? <span className="muted small">{t(`rfmSegments.${customer.rfm_segment}`)}</span> : null}
      </span>
      <span role="cell" className="hide-narrow">{customer.city ?? ''}</span>
      <span role="cell" className="numeric hide-narrow">{format.number(customer.order_count)}</span>
      <span role="cell" className="numeric">{format.money(customer.revenue_minor)}</span>
      <span role="cell" className="hide-narrow">{customer.last_purchase_at ? format.date(customer.last_purchase_at) : '–'}</span>
    </div>
  );
}
