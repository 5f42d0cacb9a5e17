import { useState } from 'react';
import type { StaffUser } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { roles } from '../../../auth/permissions.js';
import { useMe } from '../auth/session-context.js';
import { SettingsLayout } from './settings-layout.js';
import { TeamAddForm } from './team-add-form.js';
import { TeamRow } from './team-row.js';
import { assignableRoles, canEditDetails, countActiveOwners, userControls } from './user-controls.js';

/** The store's staff: who may sign in, with which role; owners and administrators manage it. */
export function TeamPage() {
  const { t } = useI18n();
  const me = useMe();
  const users = useApiData<{ items: StaffUser[] }>('/api/users');
  // what the last change in a row came to, said here because the row's buttons change under the reader
  const [announcement, setAnnouncement] = useState('');
  // the change's answer is shown at once, so the row's next control (Enable after Disable) is there to take focus
  const showMember = (changed: StaffUser) => {
    if (users.data) users.replace({ items: users.data.items.map((member) => (member.userId === changed.userId ? changed : member)) });
    users.reload();
  };
  let body;
  if (users.error) body = <ErrorMessage error={users.error} />;
  else if (!users.data) body = <LoadingState />;
  else {
    const owners = countActiveOwners(users.data.items);
    body = (
      <div className="table-scroll">
        <table className="data-table team-table stacked-table">
          <caption className="visually-hidden">{t('settings.team.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.team.person')}</th>
              <th scope="col">{t('settings.team.role')}</th>
              <th scope="col">{t('settings.team.status')}</th>
              <th scope="col"><span className="visually-hidden">{t('settings.team.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {users.data.items.map((member) => (
              // keyed by the person alone: a row remade after a change would drop the focus its buttons hold
              <TeamRow key={member.userId} member={member} isSelf={member.userId === me.userId} controls={userControls(me, member, owners)}
                canEditDetails={canEditDetails(me, member)} onChanged={users.reload} onMemberChanged={showMember} onAnnounce={setAnnouncement} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <SettingsLayout>
      <Card title={t('settings.team.title')}>
        <p role="status" className={announcement ? 'notice-success small' : undefined}>{announcement}</p>
        {body}
      </Card>
      <Card title={t('settings.team.addTitle')}>
        <TeamAddForm roles={assignableRoles(me)} onAdded={users.reload} />
        <details className="role-guide">
          <summary>{t('settings.team.roleGuide')}</summary>
          <dl>
            {roles.map((role) => <div key={role}><dt>{t(`roles.${role}`)}</dt><dd>{t(`settings.roleDescriptions.${role}`)}</dd></div>)}
          </dl>
        </details>
      </Card>
    </SettingsLayout>
  );
}
