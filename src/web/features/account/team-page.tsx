import type { StaffUser } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { roles } from '../../../auth/permissions.js';
import { useMe } from '../auth/session-context.js';
import { AddUserForm } from './add-user-form.js';
import { SettingsLayout } from './settings-layout.js';
import { TeamRow } from './team-row.js';
import { assignableRoles, canEditDetails, countActiveOwners, userControls } from './user-controls.js';

/** The store's staff: who may sign in, with which role; owners and administrators manage it. */
export function TeamPage() {
  const { t } = useI18n();
  const me = useMe();
  const users = useApiData<{ items: StaffUser[] }>('/api/users');
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
              // keyed by role and status too, so a row starts afresh (no stale draft) after a change
              <TeamRow key={`${member.userId}:${member.role}:${member.disabledAt ?? ''}`} member={member} isSelf={member.userId === me.userId}
                controls={userControls(me, member, owners)} canEditDetails={canEditDetails(me, member)} onChanged={users.reload} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <SettingsLayout>
      <Card title={t('settings.team.title')}>{body}</Card>
      <Card title={t('settings.team.addTitle')}>
        <AddUserForm roles={assignableRoles(me)} onAdded={users.reload} />
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
