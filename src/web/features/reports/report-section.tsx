import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import type { PendingData } from '../../api/use-pending-endpoint.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { NotAvailable } from '../../components/not-available.js';

type ReportSectionProps<T> = {
  title: string; source: PendingData<T>; isEmpty?: (data: T) => boolean; emptyText: ReactNode; children: (data: T) => ReactNode;
  /** Error codes that mean "nothing computed yet" rather than a failure (e.g. PREDICTION_NOT_FOUND): shown as `emptyText`. */
  emptyCodes?: readonly string[];
  actions?: ReactNode; className?: string;
};

/** The honest states of a report: not offered by the server yet, loading, failed, nothing yet, or drawn. */
export function ReportSection<T>({ title, source, isEmpty, emptyText, children, emptyCodes, actions, className }: ReportSectionProps<T>) {
  let body: ReactNode;
  if (!source.isCatalogLoaded || source.isLoading) body = <LoadingState />;
  else if (!source.isOffered) body = <NotAvailable what={title} />;
  else if (source.error instanceof ApiError && emptyCodes?.includes(source.error.code)) body = <p className="empty-state">{emptyText}</p>;
  else if (source.error) body = <ErrorMessage error={source.error} />;
  else if (source.data === null) body = <LoadingState />;
  else if (isEmpty?.(source.data)) body = <p className="empty-state">{emptyText}</p>;
  else body = children(source.data);
  return <Card title={title} actions={actions} className={className}>{body}</Card>;
}
