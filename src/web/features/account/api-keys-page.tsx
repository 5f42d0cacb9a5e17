import type { ApiKey, StaffUser } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { ApiKeyRow } from './api-key-row.js';
import { CreateApiKeyForm } from './create-api-key-form.js';
import { personName } from './person-name.js';
import { SettingsLayout } from './settings-layout.js';

/** Keys for machines that call the API, never their secrets: those are shown once, at creation. */
export function ApiKeysPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const keys = useApiData<{ items: ApiKey[] }>('/api/api-keys');
  // Creators by name where this role may read the staff list; otherwise the date alone.
  const users = useApiData<{ items: StaffUser[] }>(can('users:manage') ? '/api/users' : null);
  const nameOf = (userId: number | null) => {
    const user = users.data?.items.find((item) => item.userId === userId);
    return user ? personName(user) : null;
  };
  let body;
  if (keys.error) body = <ErrorMessage error={keys.error} />;
  else if (!keys.data) body = <LoadingState />;
  else if (keys.data.items.length === 0) body = <p className="empty-state">{t('settings.apiKeys.none')}</p>;
  else {
    body = (
      <div className="table-scroll">
        <table className="data-table stacked-table">
          <caption className="visually-hidden">{t('settings.apiKeys.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.apiKeys.name')}</th>
              <th scope="col">{t('settings.apiKeys.scopes')}</th>
              <th scope="col">{t('settings.apiKeys.createdColumn')}</th>
              <th scope="col">{t('settings.apiKeys.lastUsed')}</th>
              <th scope="col">{t('settings.apiKeys.status')}</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.items.map((apiKey) => <ApiKeyRow key={apiKey.apiKeyId} apiKey={apiKey} creatorName={nameOf(apiKey.createdBy)} onChanged={keys.reload} />)}
          </tbody>
        </table>
      </div>
    );
  }
  return (
    <SettingsLayout>
      <Card title={t('settings.apiKeys.title')}>
        <p className="muted">{t('settings.apiKeys.intro')}</p>
        {body}
      </Card>
      <Card title={t('settings.apiKeys.createTitle')}><CreateApiKeyForm onCreated={keys.reload} /></Card>
    </SettingsLayout>
  );
}
