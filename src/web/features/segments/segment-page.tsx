import { useRef, useState } from 'react';
import { api } from '../../api/client.js';
import type { SegmentRefresh, SegmentWithHistory } from '../../api/target-group-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ConfirmBox } from '../../components/confirm-box.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { Link, useRouter } from '../../routes/router.js';
import { useSession } from '../auth/session-context.js';
import { useFocusOnClose } from '../customers/use-focus-on-close.js';
import { SavedFilter } from './saved-filter.js';
import { SegmentHistoryCard } from './segment-history-card.js';
import { SegmentMembersCard } from './segment-members-card.js';

type Action = { status: 'idle' } | { status: 'refreshing' } | { status: 'refreshed'; result: SegmentRefresh } | { status: 'confirm-delete' } | { status: 'failed'; error: Error };

export function SegmentPage({ segmentId }: { segmentId: number }) {
  const { t, format, locale } = useI18n();
  const { can } = useSession();
  const { navigate } = useRouter();
  const detail = useApiData<SegmentWithHistory>(`/api/segments/${segmentId}`);
  const [action, setAction] = useState<Action>({ status: 'idle' });
  const [version, setVersion] = useState(0);
  // Delete asked the question: focus goes back to it when the question closes unanswered or refused
  const deleteButton = useRef<HTMLButtonElement>(null);
  useFocusOnClose(action.status === 'confirm-delete', deleteButton);
  const isRefreshing = action.status === 'refreshing';
  if (detail.error) return <section className="page"><ErrorMessage error={detail.error} /><Link to="/segments">{t('segments.backToList')}</Link></section>;
  if (!detail.data) return <LoadingState />;
  const { segment, history } = detail.data;

  const refresh = () => {
    if (isRefreshing) return;
    setAction({ status: 'refreshing' });
    api.post<SegmentRefresh>(`/api/segments/${segmentId}/refresh`)
      .then((result) => { setAction({ status: 'refreshed', result }); detail.reload(); setVersion((current) => current + 1); })
      .catch((error: Error) => setAction({ status: 'failed', error }));
  };
  const remove = () => {
    api.delete(`/api/segments/${segmentId}`)
      .then(() => navigate('/segments'))
      .catch((error: Error) => setAction({ status: 'failed', error }));
  };

  return (
    <section className="page page-segment">
      <header className="page-header">
        <div>
          <Link to="/segments" className="back-link">{t('segments.backToList')}</Link>
          <h1>{segment.name}</h1>
          {segment.description ? <p>{segment.description}</p> : null}
          <p className="muted">
            {t(pluralKey(locale, 'segments.memberSummary', segment.member_count), { count: format.number(segment.member_count) })} ·{' '}
            {segment.refreshed_at ? t('segments.refreshedOn', { at: format.dateTime(segment.refreshed_at) }) : t('segments.neverRefreshed')}
          </p>
        </div>
        {can('analytics:write') ? (
          <div className="button-row">
            <Link to={`/segments/${segmentId}/edit`} className="button-link button-secondary">{t('common.edit')}</Link>
            <Link to={`/segments/new?copyOf=${segmentId}`} className="button-link button-secondary">{t('segments.duplicate')}</Link>
            {/* aria-disabled, not disabled, while it runs: a disabled button drops the keyboard's focus to the page's start */}
            <button type="button" className="button-secondary" onClick={refresh} aria-disabled={isRefreshing}>
              {isRefreshing ? t('segments.refreshing') : t('segments.refresh')}
            </button>
            <button ref={deleteButton} type="button" className="button-quiet" onClick={() => setAction({ status: 'confirm-delete' })}>{t('common.delete')}</button>
          </div>
        ) : null}
      </header>
      <div role="status" aria-live="polite">
        {action.status === 'refreshed' ? (
          <p className="notice-success">{t(pluralKey(locale, 'segments.refreshed', action.result.members), { entered: format.number(action.result.entered), left: format.number(action.result.left), members: format.number(action.result.members) })}</p>
        ) : null}
      </div>
      {action.status === 'confirm-delete' ? (
        <ConfirmBox question={t('segments.deleteQuestion', { name: segment.name })} confirmLabel={t('segments.deleteConfirm')} onConfirm={remove}
          onCancel={() => setAction({ status: 'idle' })} />
      ) : null}
      {action.status === 'failed' ? <ErrorMessage error={action.error} /> : null}
      <div className="segment-grid">
        <Card title={t('segments.filter')} className="card-wide">
          <SavedFilter filter={segment.filter} problems={segment.problems} memberCount={segment.member_count} />
        </Card>
        <SegmentMembersCard segmentId={segmentId} segmentName={segment.name} memberCount={segment.member_count} version={version} />
        <SegmentHistoryCard history={history} />
      </div>
    </section>
  );
}
