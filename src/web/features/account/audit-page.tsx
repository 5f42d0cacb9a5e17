import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { AuditActorFilter } from './audit-actor-filter.js';
import { auditActionKey, auditActions } from './audit-actions.js';
import { readableAuditDetail, staffMemberEmail } from './audit-detail-text.js';
import { auditActorText, auditSubjectText } from './audit-subject-text.js';
import { SettingsLayout } from './settings-layout.js';

type AuditEvent = { auditId: number; occurredAt: string; actor: string; action: string; entity: string; entityId: string | null; detail: unknown };
type AuditPage = { items: AuditEvent[]; nextCursor: string | null };

const pageSize = 50;

/** Who changed what, newest first, fifty at a time; filtered by what was done or by whom. */
export function AuditPage() {
  const { t, format } = useI18n();
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [isLoadingMore, setIsLoadingMore] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    setEvents(null);
    setError(null);
    api.get<AuditPage>('/api/audit', { limit: pageSize, action, actor }, controller.signal)
      .then((page) => { setEvents(page.items); setNextCursor(page.nextCursor); })
      .catch((caught: Error) => { if (!controller.signal.aborted) setError(caught); });
    return () => controller.abort();
  }, [action, actor]);

  const loadMore = async () => {
    if (!nextCursor) return;
    setIsLoadingMore(true);
    try {
      const page = await api.get<AuditPage>('/api/audit', { limit: pageSize, action, actor, cursor: nextCursor });
      setEvents((current) => [...(current ?? []), ...page.items]);
      setNextCursor(page.nextCursor);
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setIsLoadingMore(false);
    }
  };

  const who = (name: string) => auditActorText(name, t);
  const actionName = (name: string) => { const key = auditActionKey(name); return key ? t(key) : name; };
  let body;
  if (error) body = <ErrorMessage error={error} />;
  else if (!events) body = <LoadingState />;
  else if (events.length === 0) body = <p className="empty-state">{t('settings.audit.none')}</p>;
  else {
    body = (
      <div className="table-scroll">
        <table className="data-table audit-table stacked-table">
          <caption className="visually-hidden">{t('settings.audit.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.audit.when')}</th>
              <th scope="col">{t('settings.audit.who')}</th>
              <th scope="col">{t('settings.audit.what')}</th>
              <th scope="col">{t('settings.audit.on')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.auditId}>
                <td className="nowrap">{format.dateTime(event.occurredAt)}</td>
                <td>
                  {actor === event.actor ? who(event.actor)
                    : <button type="button" className="link-button" title={t('settings.audit.onlyThisActor')} onClick={() => setActor(event.actor)}>{who(event.actor)}</button>}
                </td>
                <td>{actionName(event.action)}</td>
                <td>
                  <AuditSubject event={event} />
                  <AuditDetail detail={event.detail} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <SettingsLayout>
      <Card title={t('settings.audit.title')}>
        <div className="inline-form audit-filters">
          <label className="field">
            <span>{t('settings.audit.what')}</span>
            <select value={action} onChange={(event) => setAction(event.target.value)}>
              <option value="">{t('settings.audit.everyAction')}</option>
              {auditActions.map((name) => <option key={name} value={name}>{actionName(name)}</option>)}
            </select>
          </label>
          <AuditActorFilter actor={actor} onChange={setActor} />
          {actor ? (
            <p className="audit-actor-filter">
              {t('settings.audit.onlyActor', { name: who(actor) })}{' '}
              <button type="button" className="button-quiet" onClick={() => setActor('')}>{t('settings.audit.everyone')}</button>
            </p>
          ) : null}
        </div>
        {body}
        {nextCursor && events ? <div className="button-row"><button type="button" className="button-secondary" disabled={isLoadingMore} onClick={() => void loadMore()}>{t('settings.audit.more')}</button></div> : null}
      </Card>
    </SettingsLayout>
  );
}

const linkedEntities: Record<string, string> = { customer: '/customers', segment: '/segments', persona: '/personas' };

/** What the event was about (auditSubjectText): a customer, segment or persona links to its page. */
function AuditSubject({ event }: { event: AuditEvent }) {
  const { t } = useI18n();
  const text = auditSubjectText(event, t);
  // a staff member is known by their email, not by the number the log keeps; the number stays on hover
  const email = event.entity === 'staff_user' ? staffMemberEmail(event) : null;
  if (email) return <span title={text}>{email}</span>;
  const base = linkedEntities[event.entity];
  return base && event.entityId && /^\d+$/.test(event.entityId) ? <Link to={`${base}/${event.entityId}`}>{text}</Link> : <span>{text}</span>;
}

/** What the entry recorded, one fact a line ("role: Analyst") in the reader's language; nothing when it recorded nothing. */
function AuditDetail({ detail }: { detail: unknown }) {
  const { t, format, locale } = useI18n();
  const lines = readableAuditDetail(detail, t, format, locale);
  if (lines.length === 0) return null;
  return (
    <details className="audit-detail">
      <summary>{t('settings.audit.detail')}</summary>
      <dl>{lines.map(([key, value]) => <div key={key}><dt>{key}</dt><dd>{value}</dd></div>)}</dl>
    </details>
  );
}
