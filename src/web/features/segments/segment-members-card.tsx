import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import type { Member, MembersPage } from '../../api/target-group-types.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n, type I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { CustomerLink } from './customer-link.js';
import { ExportOutcomeStatus, SegmentMembersExport, type ExportOutcome } from './segment-members-export.js';

const pageSize = 50;

/** "Rādīts 1 no 1", "Rādīti 50 no 120": the word agrees with the members shown, in the reader's plural rules. */
export function membersShownText({ t, format, locale }: I18n, shown: number, count: number): string {
  return t(pluralKey(locale, 'segments.membersShown', shown), { shown: format.number(shown), count: format.number(count) });
}

type SegmentMembersCardProps = { segmentId: number; segmentName: string; memberCount: number; version: number };

/** Members in customer-number order, a page at a time (the API's keyset paging), and all of them, or those who agreed to a consent, as a CSV file. `version` reloads from the start. */
export function SegmentMembersCard({ segmentId, segmentName, memberCount, version }: SegmentMembersCardProps) {
  const i18n = useI18n();
  const { t, format } = i18n;
  const [members, setMembers] = useState<Member[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const [exportOutcome, setExportOutcome] = useState<ExportOutcome | null>(null);

  // a page that answers after a reload started belongs to the old list: it is dropped, not appended
  const generation = useRef(0);
  const load = (after: number | null, replace: boolean) => {
    if (replace) generation.current += 1;
    const asked = generation.current;
    setIsLoading(true);
    api.get<MembersPage>(`/api/segments/${segmentId}/members`, { limit: pageSize, after })
      .then((page) => {
        if (asked !== generation.current) return;
        setMembers((current) => (replace ? page.items : [...current, ...page.items]));
        setNext(page.next);
        setError(null);
      })
      .catch((caught: Error) => { if (asked === generation.current) setError(caught); })
      .finally(() => { if (asked === generation.current) setIsLoading(false); });
  };
  useEffect(() => load(null, true), [segmentId, version]);

  return (
    <Card
      title={t('segments.membersTitle', { count: format.number(memberCount) })} className="card-wide"
      actions={memberCount > 0 ? <SegmentMembersExport segmentId={segmentId} segmentName={segmentName} onOutcome={setExportOutcome} /> : null}
    >
      <ExportOutcomeStatus outcome={exportOutcome} />
      {error ? <ErrorMessage error={error} /> : null}
      {members.length === 0 && isLoading ? <LoadingState /> : null}
      {members.length === 0 && !isLoading && !error ? <p className="empty-state">{t('segments.noMembers')}</p> : null}
      {members.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('segments.membersCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('customers.columns.customer')}</th>
                <th scope="col" className="hide-narrow">{t('customer.fields.email')}</th>
                <th scope="col">{t('customer.fields.city')}</th>
                <th scope="col">{t('segments.enteredAt')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={member.customer_id}>
                  <td><CustomerLink customer={member} /></td>
                  <td className="hide-narrow">{member.email ?? ''}</td>
                  <td>{member.city ?? ''}</td>
                  <td>{format.date(member.entered_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {members.length > 0 ? (
        <div className="button-row list-footer">
          <span className="muted small" role="status">{membersShownText(i18n, members.length, memberCount)}</span>
          {next !== null ? <button type="button" className="button-secondary" onClick={() => load(next, false)} disabled={isLoading}>{t('segments.moreMembers')}</button> : null}
        </div>
      ) : null}
    </Card>
  );
}
