import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import type { CustomerPrediction, CustomerTypes } from '../../api/analytics-types.js';
import type { CustomerDetail } from '../../api/types.js';
import { usePendingEndpoint } from '../../api/use-pending-endpoint.js';
import { useApiData } from '../../api/use-api-data.js';
import { ErrorMessage } from '../../components/error-message.js';
import { EmailText } from '../../components/email-text.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { useSession } from '../auth/session-context.js';
import { customerLabel } from './customer-label.js';
import { ProfileCard } from './profile-card.js';
import { IdentitiesCard } from './identities-card.js';
import { ConsentCard } from './consent-card.js';
import { PrivacyCard } from './privacy-card.js';
import { PurchaseFactsCard } from './purchase-facts-card.js';
import { CategoriesCard } from './categories-card.js';
import { PurchaseRhythmCard } from './purchase-rhythm-card.js';
import { TimelineCard } from './timeline-card.js';
import { MergePanel, type MergeRequest } from './merge-panel.js';
import { PredictionCard } from './prediction-card.js';
import { CustomerTypesCard } from './customer-types-card.js';
import { RfmCard } from './rfm-card.js';
import { useTimeline } from './use-timeline.js';
import { listReturnPath } from './list-return.js';

export function Customer360Page({ customerId }: { customerId: number }) {
  const { t } = useI18n();
  const { can } = useSession();
  const detail = useApiData<CustomerDetail>(`/api/customers/${customerId}`);
  const timeline = useTimeline(customerId);
  // read here, not in their cards: the prediction card says where the two disagree
  const types = usePendingEndpoint<CustomerTypes>('customerTypes', { parameters: { customerId } });
  const isReal = (detail.data?.traits?.order_count ?? 0) > 0;
  // a lead has no prediction by definition: not asked for, so no 404 in every lead's page
  const prediction = usePendingEndpoint<CustomerPrediction>('customerPrediction', { parameters: { customerId }, isEnabled: isReal });
  // the profile's "belongs to another customer" opens the merge panel with them filled in
  const [mergeRequest, setMergeRequest] = useState<MergeRequest | null>(null);
  const [listPath] = useState(listPathFromHistory);
  const mergedInto = mergedIntoOf(detail.error);
  if (mergedInto !== null) return <MergedCustomer customerId={customerId} mergedInto={mergedInto} listPath={listPath} />;
  if (detail.error) return <section className="page"><ErrorMessage error={detail.error} /><Link to={listPath}>{t('customer.backToList')}</Link></section>;
  if (!detail.data) return <LoadingState />;
  const { customer, identities, traits, categories } = detail.data;
  // a merge or its undo judges the customer again
  const refresh = () => { detail.reload(); timeline.reload(); types.reload(); prediction.reload(); };
  // the save's answer is the customer as saved; the timeline lists the edit (a profile's or a consent's)
  const showSaved = (saved: CustomerDetail) => { detail.replace(saved); timeline.reload(); };
  const canMerge = can('customers:merge');
  const canExport = can('customers:export');
  const mergeWith = canMerge ? (otherCustomerId: number) => setMergeRequest({ otherCustomerId, requestedAt: Date.now() }) : undefined;

  return (
    <section className="page page-customer">
      <header className="page-header">
        <div>
          <Link to={listPath} className="back-link">{t('customer.backToList')}</Link>
          {/* a customer without a name is headed by their email, cut where emailLineParts allows; any other heading wraps anywhere rather than widen the page */}
          <h1 className="customer-heading">{customer.name === null && customer.email ? <EmailText email={customer.email} /> : customerLabel(customer, t)}</h1>
          <p className="muted">
            <span className={`badge ${isReal ? 'badge-real' : 'badge-lead'}`}>{t(isReal ? 'customers.status.real' : 'customers.status.lead')}</span>{' '}
            {t(`customer.kinds.${customer.kind}`)} · {t('customer.number', { id: customer.customer_id })}
          </p>
        </div>
      </header>
      <div className="customer-grid">
        <ProfileCard customer={customer} canEdit={can('customers:write')} onSaved={showSaved} onMergeWith={mergeWith} />
        <PurchaseFactsCard traits={traits} />
        <CustomerTypesCard types={types} rfm={detail.data.rfm ?? null} />
        <PredictionCard prediction={prediction} hasPurchased={isReal} types={types.data?.current?.types ?? null}
          customerId={customer.customer_id} timeline={timeline.entries} ordersRecordedSince={detail.data.prediction?.orders_recorded_since ?? null} />
        <RfmCard rfm={detail.data.rfm ?? null} customerId={customer.customer_id} timeline={timeline.entries} />
        <ConsentCard customer={customer} proofs={detail.data.consents} canEdit={can('customers:write')} onSaved={showSaved} />
        <IdentitiesCard identities={identities} customerId={customer.customer_id} canEdit={can('customers:write')} onRemoved={refresh} />
        <CategoriesCard categories={categories} />
        <PurchaseRhythmCard timeline={timeline} customerId={customer.customer_id} />
        <TimelineCard timeline={timeline} />
        {canMerge ? <MergePanel customer={customer} onChanged={refresh} request={mergeRequest} /> : null}
        {/* erasure needs customers:merge and export customers:export (both the owner's and admins' alone), as the API says */}
        {canMerge || canExport ? <PrivacyCard customer={customer} canExport={canExport} canErase={canMerge} /> : null}
      </div>
    </section>
  );
}

/** A merged customer's record is gone (404 CUSTOMER_NOT_FOUND); the server names the customer it went to. */
export function mergedIntoOf(error: Error | null): number | null {
  if (!(error instanceof ApiError) || error.code !== 'CUSTOMER_NOT_FOUND') return null;
  const mergedInto = error.details?.mergedInto;
  return typeof mergedInto === 'number' && Number.isSafeInteger(mergedInto) ? mergedInto : null;
}

/** For old links and bookmarks: where this customer's orders and identities are now. */
function MergedCustomer({ customerId, mergedInto, listPath }: { customerId: number; mergedInto: number; listPath: string }) {
  const { t } = useI18n();
  return (
    <section className="page page-customer">
      <header className="page-header">
        <div>
          <Link to={listPath} className="back-link">{t('customer.backToList')}</Link>
          <h1>{t('customer.number', { id: customerId })}</h1>
        </div>
      </header>
      <p className="notice" role="status">
        {t('customer.mergedInto')} <Link to={`/customers/${mergedInto}`}>{t('customer.number', { id: mergedInto })}</Link>
      </p>
    </section>
  );
}

// the Navigation API (every current browser): the tab's history entries, this page's among them
type HistoryEntries = { entries: () => Array<{ url: string | null }>; currentEntry: { index: number } | null };

/** The list the person came from, read once when the page opens (see listReturnPath). */
function listPathFromHistory(): string {
  const navigation = (window as Window & { navigation?: HistoryEntries }).navigation;
  if (!navigation?.currentEntry) return '/customers';
  return listReturnPath(navigation.entries().map((entry) => entry.url), navigation.currentEntry.index);
}
