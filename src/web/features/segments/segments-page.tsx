import type { SegmentsPage as SegmentList } from '../../api/analytics-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { useSession } from '../auth/session-context.js';
import { segmentProblemText } from './segment-problem-text.js';

/** Saved segments with their stored member counts and what is wrong with any of them now; creating one, or one as a copy of another (here on wider screens, on each segment's page everywhere), needs `analytics:write`. */
export function SegmentsPage() {
  const { t, format } = useI18n();
  const { can } = useSession();
  const segments = useApiData<SegmentList>('/api/segments');
  const canWrite = can('analytics:write');
  let body;
  if (segments.error) body = <ErrorMessage error={segments.error} />;
  else if (!segments.data) body = <LoadingState />;
  else if (segments.data.items.length === 0) body = <p className="empty-state">{t('segments.none')}</p>;
  else {
    body = (
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t('segments.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('segments.name')}</th>
              <th scope="col" className="hide-narrow">{t('segments.description')}</th>
              <th scope="col" className="numeric">{t('segments.members')}</th>
              <th scope="col">{t('segments.refreshedAt')}</th>
              {canWrite ? <th scope="col" className="hide-narrow"><span className="visually-hidden">{t('segments.actions')}</span></th> : null}
            </tr>
          </thead>
          <tbody>
            {segments.data.items.map((segment) => (
              <tr key={segment.segment_id}>
                <td>
                  <Link to={`/segments/${segment.segment_id}`}>{segment.name}</Link>
                  {(segment.problems ?? []).map((problem) => <p key={problem.value} className="notice small" role="note">{segmentProblemText(problem, segment.member_count, { t, format })}</p>)}
                </td>
                <td className="hide-narrow">{segment.description ?? ''}</td>
                <td className="numeric">{format.number(segment.member_count)}</td>
                <td>{segment.refreshed_at ? format.dateTime(segment.refreshed_at) : t('segments.neverRefreshed')}</td>
                {canWrite ? (
                  <td className="hide-narrow"><Link to={`/segments/new?copyOf=${segment.segment_id}`} aria-label={t('segments.duplicateNamed', { name: segment.name })}>{t('segments.duplicate')}</Link></td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <section className="page page-segments">
      <header className="page-header">
        <div>
          <h1>{t('segments.title')}</h1>
          <p className="muted">{t('segments.intro')}</p>
        </div>
        {canWrite ? <Link to="/segments/new" className="button-link button-primary">{t('segments.create')}</Link> : null}
      </header>
      <Card title={t('segments.listTitle')}>{body}</Card>
    </section>
  );
}
