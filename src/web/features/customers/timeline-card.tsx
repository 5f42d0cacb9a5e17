import { useState } from 'react';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { timelineEntryText, timelineEntryTime } from './timeline-entry-text.js';
import type { Timeline } from './use-timeline.js';

const step = 25;

export function TimelineCard({ timeline }: { timeline: Timeline }) {
  const i18n = useI18n();
  const { t, format } = i18n;
  const { state } = useSession();
  // the server names staff by id to readers without audit:read; their own edits are said as theirs
  const readerUserId = state.status === 'signed-in' ? state.me.userId : null;
  const [shown, setShown] = useState(step);
  const visible = timeline.entries.slice(0, shown);
  return (
    <Card title={t('customer.timeline')} className="card-wide">
      {timeline.error ? <ErrorMessage error={timeline.error} /> : null}
      {timeline.entries.length === 0 && timeline.isLoading ? <LoadingState /> : null}
      {timeline.entries.length === 0 && !timeline.isLoading ? <p className="empty-state">{t('customer.noTimeline')}</p> : null}
      <ol className="timeline">
        {visible.map((entry) => (
          <li key={`${entry.kind}:${entry.id}:${entry.at}`} className={`timeline-entry timeline-${entry.kind}`}>
            <time dateTime={entry.at}>{timelineEntryTime(entry, format)}</time>
            <span className="timeline-kind">{t(`timeline.kinds.${entry.kind}`)}</span>
            <span>{timelineEntryText(entry, i18n, readerUserId)}</span>
          </li>
        ))}
      </ol>
      {timeline.entries.length > shown ? (
        <button type="button" className="button-secondary" onClick={() => setShown(shown + step)}>{t('customer.showMore')}</button>
      ) : null}
    </Card>
  );
}
