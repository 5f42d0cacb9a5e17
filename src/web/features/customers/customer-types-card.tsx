import type { CustomerTypes } from '../../api/analytics-types.js';
import type { CustomerRfm } from '../../api/types.js';
import type { PendingData } from '../../api/use-pending-endpoint.js';
import { useI18n, type I18n } from '../../i18n/i18n-context.js';
import { ReportSection } from '../reports/report-section.js';
import { typeReasonMessage } from './type-reason.js';
import { analysisDay } from './timeline-entry-text.js';
import { typeSpellDates } from './type-spell-dates.js';
import { channelInSentence } from './event-channels.js';

/**
 * What the types rest on, said as the RFM card says its score's (customer.rfm.basis): when the analysis ran and
 * the day it stands on, "From the analysis of 7 Dec 2026, 12:32, purchases up to 30 Jun 1998". The customer's
 * types carry only the day; when the analysis ran comes with the customer's RFM score, which the latest analysis
 * made, when it stands on the same day. Otherwise (typed since by an order batch, or no score: a lead) the day
 * alone, never "From the analysis of 30 Jun 1998", which read the day the purchases end as the day the analysis ran.
 */
export function typesBasisText(asOf: string, rfm: Pick<CustomerRfm, 'as_of' | 'analysed_at'> | null, { t, format }: Pick<I18n, 't' | 'format'>): string {
  const day = analysisDay(asOf, format);
  return rfm !== null && format.date(rfm.as_of) === day
    ? t('customer.types.basis', { analysedAt: format.dateTime(rfm.analysed_at), asOf: day })
    : t('customer.types.asOf', { date: day });
}

/**
 * The customer's types from the last analysis with the reason for each (its
 * numbers and thresholds) in the reader's language, and when each type began
 * and ended.
 */
export function CustomerTypesCard({ types, rfm }: { types: PendingData<CustomerTypes>; rfm: CustomerRfm | null }) {
  const i18n = useI18n();
  const { t, format, locale } = i18n;
  // rebuilt from the stored numbers; the server's English sentence only where they fall short
  const reason = (type: string, numbers: unknown, english: string) => {
    const message = typeReasonMessage(type, numbers, format, locale);
    if (!message) return <span lang="en">{english}</span>;
    const { channel } = message.values;
    return <>{t(message.key, channel === undefined ? message.values : { ...message.values, channel: channelInSentence(t, channel) })}</>;
  };
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
              <ul className="type-explanation">
                {data.current.types.map((type) => (
                  <li key={type}>{reason(type, numberOf(data.current?.numbers, type), englishReason(data.current?.explanation ?? '', type, data.current?.types ?? []))}</li>
                ))}
              </ul>
              <p className="muted small">{typesBasisText(data.current.asOf, rfm, i18n)}</p>
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
                      {typeSpellDates(entry, i18n)}
                    </span>
                    <div className="small">{reason(entry.type, entry.numbers, entry.reason)}</div>
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

function numberOf(numbers: unknown, type: string): unknown {
  return numbers && typeof numbers === 'object' ? (numbers as Record<string, unknown>)[type] : undefined;
}

/** The server joins the reasons of the types, in the order it lists them, with "; ". */
function englishReason(explanation: string, type: string, types: string[]): string {
  const parts = explanation.split('; ');
  return parts.length === types.length ? parts[types.indexOf(type)] : explanation;
}
