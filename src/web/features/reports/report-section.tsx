import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import type { PendingData } from '../../api/use-pending-endpoint.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { NotAvailable } from '../../components/not-available.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { dayForMessage } from './message-day.js';

type ReportSectionProps<T> = {
  title: string; source: PendingData<T>; isEmpty?: (data: T) => boolean; emptyText: ReactNode; children: (data: T) => ReactNode;
  /** Error codes that mean "nothing computed yet" rather than a failure (e.g. PREDICTION_NOT_FOUND): shown as `emptyText`. */
  emptyCodes?: readonly string[];
  actions?: ReactNode; className?: string;
  /** The day the report stands on ("As of 31 Mar 1998"), said above it: the reports of one page may otherwise be read as of different days. */
  asOfDay?: (data: T) => string | null | undefined;
};

const asOfMessage = { key: 'reports.common.asOfDay', name: 'date' };

/** The honest states of a report: not offered by the server yet, loading, failed, nothing yet, or drawn. */
export function ReportSection<T>({ title, source, isEmpty, emptyText, children, emptyCodes, actions, className, asOfDay }: ReportSectionProps<T>) {
  const { t, format, locale } = useI18n();
  let body: ReactNode;
  if (!source.isCatalogLoaded || source.isLoading) body = <LoadingState />;
  else if (!source.isOffered) body = <NotAvailable what={title} />;
  else if (source.error instanceof ApiError && emptyCodes?.includes(source.error.code)) body = <p className="empty-state">{emptyText}</p>;
  else if (source.error) body = <ErrorMessage error={source.error} />;
  else if (source.data === null) body = <LoadingState />;
  else if (isEmpty?.(source.data)) body = <p className="empty-state">{emptyText}</p>;
  else body = children(source.data);
  const day = source.data !== null && !source.isLoading && !source.error ? asOfDay?.(source.data) : null;
  if (day) body = <><p className="muted small report-as-of">{t(asOfMessage.key, { date: dayForMessage(day, asOfMessage, locale, format) })}</p>{body}</>;
  return <Card title={title} actions={actions} className={className}>{body}</Card>;
}
