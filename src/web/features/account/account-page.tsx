import { useState } from 'react';
import { Card } from '../../components/card.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useMe } from '../auth/session-context.js';
import { PasswordForm } from './password-form.js';
import { personName } from './person-name.js';
import { SettingsLayout } from './settings-layout.js';

/** One's own account: who the app thinks you are, what your role lets you do, your password. */
export function AccountPage() {
  const { t } = useI18n();
  const me = useMe();
  const [hasChanged, setHasChanged] = useState(false);
  return (
    <SettingsLayout>
      <div className="settings-grid">
        <Card title={t('settings.account.title')}>
          <dl className="facts">
            <div><dt>{t('settings.account.name')}</dt><dd>{personName(me)}</dd></div>
            <div><dt>{t('settings.account.email')}</dt><dd>{me.email}</dd></div>
            <div><dt>{t('settings.account.role')}</dt><dd>{t(`roles.${me.role}`)}</dd></div>
          </dl>
          <p className="muted">{t(`settings.roleDescriptions.${me.role}`)}</p>
          <p className="muted small">{t('settings.account.changedBy')}</p>
        </Card>
        <Card title={t('settings.account.passwordTitle')}>
          {hasChanged ? <p className="notice-success" role="status">{t('settings.account.passwordChanged')}</p> : null}
          <PasswordForm email={me.email} currentLabel={t('passwordForm.current')} submitLabel={t('passwordForm.submit')}
            onChanged={() => setHasChanged(true)} />
        </Card>
      </div>
    </SettingsLayout>
  );
}
