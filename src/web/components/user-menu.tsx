import { useMe, useSession } from '../features/auth/session-context.js';
import { useI18n } from '../i18n/i18n-context.js';

export function UserMenu() {
  const { t } = useI18n();
  const me = useMe();
  const { signOut } = useSession();
  return (
    <div className="user-menu">
      <span className="user-name" title={me.email}>{me.name} <span className="muted">· {t(`roles.${me.role}`)}</span></span>
      <button type="button" className="button-quiet" onClick={() => void signOut()}>{t('shell.signOut')}</button>
    </div>
  );
}
