import { useRef, type CSSProperties } from 'react';
import type { CustomerSummary } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { customerLabel } from './customer-label.js';
import { typeTagsToShow } from './type-tags.js';
import { useTypeTagRoom } from './use-type-tag-room.js';
import { moneyOrUnpriced } from './unpriced-money.js';
import { rfmSegmentLabel } from '../reports/rfm-segment-label.js';
import { phoneText } from './phone-text.js';

/** The contact not already used as the label, so a lead known only by email does not show it twice. */
function secondaryContact(customer: CustomerSummary): string {
  const phone = customer.phone === null ? '' : phoneText(customer.phone);
  if (customer.name) return customer.email ?? phone;
  return customer.email ? phone : '';
}

type CustomerRowProps = {
  customer: CustomerSummary; rowIndex: number; style: CSSProperties; filteredType?: string; filteredRfmSegment?: string;
  /** The store's, read once by the table for every row (useStoreHasPrices). */
  hasPrices?: boolean | null;
};

export function CustomerRow({ customer, rowIndex, style, filteredType = '', filteredRfmSegment = '', hasPrices = null }: CustomerRowProps) {
  const { t, format } = useI18n();
  const allTypes = customer.types ?? (customer.primary_type ? [customer.primary_type] : []);
  const typeName = (type: string) => t(`customerTypes.${type}`);
  const tagLine = useRef<HTMLSpanElement>(null);
  // the primary type and, beside it, the filtered one or the next, each only as long as it fits whole
  const room = useTypeTagRoom(tagLine, 2, [filteredType, ...allTypes.map(typeName)].join('|'));
  const tags = typeTagsToShow(allTypes, customer.primary_type ?? null, filteredType, room);
  return (
    <div role="row" className="customer-row" aria-rowindex={rowIndex} style={style}>
      <span role="cell" className="customer-cell-name">
        {/* stretched over the whole row (app.css): a tap anywhere on it opens the customer */}
        <Link to={`/customers/${customer.customer_id}`} className="customer-row-link">{customerLabel(customer, t)}</Link>
        <span className="muted small">{secondaryContact(customer)}</span>
      </span>
      <span role="cell" className="customer-cell-status">
        <span className={`badge ${customer.is_real ? 'badge-real' : 'badge-lead'}`}>{t(customer.is_real ? 'customers.status.real' : 'customers.status.lead')}</span>
      </span>
      {/* on a phone a line of its own under the name: the main type, and the segment only when the list is filtered by it */}
      <span role="cell" className="customer-cell-type">
        {tags.shown.length > 0 ? (
          <span ref={tagLine} className="type-tag-line" title={allTypes.map(typeName).join(', ')}>
            {tags.shown.map((type) => <span key={type} className={`type-tag type-${type}${tags.shown.length === 1 ? ' type-tag-alone' : ''}`}>{typeName(type)}</span>)}
            {tags.hidden.length > 0 ? (
              <span className="muted small">
                <span aria-hidden="true">+{tags.hidden.length}</span>
                <span className="visually-hidden">{t('customers.moreTypes', { types: tags.hidden.map(typeName).join(', ') })}</span>
              </span>
            ) : null}
          </span>
        ) : null}
        {customer.rfm_segment ? <span className={`muted small${filteredRfmSegment ? '' : ' hide-narrow'}`}>{rfmSegmentLabel(t, customer.rfm_segment)}</span> : null}
      </span>
      <span role="cell" className="hide-narrow">{customer.city ?? ''}</span>
      <span role="cell" className="numeric hide-narrow">{format.number(customer.order_count)}</span>
      <span role="cell" className="numeric customer-cell-spend">{moneyOrUnpriced(customer.revenue_minor, hasPrices, { t, format })}</span>
      <span role="cell" className="customer-cell-date hide-narrow">
        {customer.last_purchase_at ? format.date(customer.last_purchase_at) : '–'}
      </span>
    </div>
  );
}
