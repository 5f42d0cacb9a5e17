import { useEffect, useRef, useState } from 'react';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { OrderDetails } from './order-details.js';
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
  const listRef = useRef<HTMLOListElement>(null);
  // the entry "Show more" revealed first: the last press removes the button, and focus fell to the page's start
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  useEffect(() => {
    if (focusIndex === null) return;
    setFocusIndex(null);
    // nothing new shown (the list changed under it): focus stays where it was
    const entry = listRef.current?.children[focusIndex];
    if (entry instanceof HTMLElement) entry.focus();
  }, [focusIndex]);
  const showMore = () => {
    setFocusIndex(shown);
    setShown(shown + step);
  };
  return (
    <Card title={t('customer.timeline')} className="card-wide">
      {timeline.error ? <ErrorMessage error={timeline.error} /> : null}
      {timeline.entries.length === 0 && timeline.isLoading ? <LoadingState /> : null}
      {timeline.entries.length === 0 && !timeline.isLoading ? <p className="empty-state">{t('customer.noTimeline')}</p> : null}
      <ol className="timeline" ref={listRef}>
        {visible.map((entry) => (
          <li key={`${entry.kind}:${entry.id}:${entry.at}`} className={`timeline-entry timeline-${entry.kind}`} tabIndex={-1}>
            <time dateTime={entry.at}>{timelineEntryTime(entry, format)}</time>
            <span className="timeline-kind">{t(`timeline.kinds.${entry.kind}`)}</span>
            <div>
              <span>{timelineEntryText(entry, i18n, readerUserId)}</span>
              {entry.kind === 'order' && entry.detail.asRecipient !== true ? <OrderDetails detail={entry.detail} /> : null}
            </div>
          </li>
        ))}
      </ol>
      {timeline.entries.length > shown ? (
        <button type="button" className="button-secondary" onClick={showMore}>{t('customer.showMore')}</button>
      ) : null}
    </Card>
  );
}
