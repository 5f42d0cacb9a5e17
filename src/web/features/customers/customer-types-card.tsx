import type { CustomerTypes } from '../../api/analytics-types.js';
import { usePendingEndpoint } from '../../api/use-pending-endpoint.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ReportSection } from '../reports/report-section.js';

/**
 * The customer's types from the last analysis with the server's explanation of
 * why (its numbers and thresholds), and when each type began and ended.
 */
export function CustomerTypesCard({ customerId }: { customerId: number }) {
  const { t, format } = useI18n();
  // Analyses are dated the end of their store day (midnight after it): a millisecond earlier names that day.
  const day = (iso: string) => format.date(new Date(Date.parse(iso) - 1));
  const types = usePendingEndpoint<CustomerTypes>('customerTypes', { parameters: { customerId } });
  return (
    <ReportSection title={t('customer.types.title')} source={types} emptyText={t('customer.types.none')} emptyCodes={['ANALYTICS_CUSTOMER_NOT_FOUND']}
      isEmpty={(data) => data.current === null && data.timeline.length === 0}>
      {(data) => (
        <>
          {data.current ? (
            <>
              <p className="type-tags">
                {data.current.types.map((type) => (
                  <span key={type} className={`type-tag type-${type}${type === data.current?.primaryType ? ' type-primary' : ''}`}>
                    {t(`customerTypes.${type}`)}{type === data.current?.primaryType ? ` · ${t('customer.types.primary')}` : ''}
                  </span>
                ))}
              </p>
              {/* The explanation is written by the server (in English) from the numbers behind the type. */}
              <p className="type-explanation" lang="en">{data.current.explanation}</p>
              <p className="muted small">{t('customer.types.asOf', { date: day(data.current.asOf) })}</p>
            </>
          ) : <p className="empty-state">{t('customer.types.none')}</p>}
          {data.timeline.length > 0 ? (
            <details className="type-history">
              <summary>{t('customer.types.history', { count: data.timeline.length })}</summary>
              <ul className="type-history-list">
                {[...data.timeline].reverse().map((entry, index) => (
                  <li key={`${entry.type}-${entry.enteredAt}-${index}`}>
                    <strong>{t(`customerTypes.${entry.type}`)}</strong>{' '}
                    <span className="muted small">
                      {entry.leftAt ? t('customer.types.between', { from: day(entry.enteredAt), to: day(entry.leftAt) }) : t('customer.types.since', { from: day(entry.enteredAt) })}
                    </span>
                    <div className="small" lang="en">{entry.reason}</div>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </ReportSection>
  );
}
