import type { MembershipEvent } from '../../api/target-group-types.js';
import { Card } from '../../components/card.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { CustomerLink } from './customer-link.js';

/** The latest entries and exits (newest first), as refreshes recorded them. */
export function SegmentHistoryCard({ history }: { history: MembershipEvent[] }) {
  const { t, format, locale } = useI18n();
  const entered = history.filter((event) => event.change === 'entered').length;
  return (
    <Card title={t('segments.historyTitle')} className="card-wide">
      {history.length === 0 ? <p className="empty-state">{t('segments.noHistory')}</p> : (
        <>
          <p className="muted small">{t(pluralKey(locale, 'segments.historySummary', history.length), { count: format.number(history.length), entered: format.number(entered), left: format.number(history.length - entered) })}</p>
          <div className="table-scroll history-scroll">
            <table className="data-table">
              <caption className="visually-hidden">{t('segments.historyTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('segments.when')}</th>
                  <th scope="col">{t('customers.columns.customer')}</th>
                  <th scope="col">{t('segments.change')}</th>
                </tr>
              </thead>
              <tbody>
                {history.map((event, index) => (
                  <tr key={`${event.customer_id}-${event.at}-${index}`}>
                    <td>{format.dateTime(event.at)}</td>
                    <td><CustomerLink customer={event} /></td>
                    <td><span className={`badge ${event.change === 'entered' ? 'badge-real' : 'badge-lead'}`}>{t(`segments.changes.${event.change}`)}</span></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}
