import { personName } from '../features/account/person-name.js';
import { useMe, useSession } from '../features/auth/session-context.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Link } from '../routes/router.js';

export function UserMenu() {
  const { t } = useI18n();
  const me = useMe();
  const { signOut } = useSession();
  return (
    <div className="user-menu">
      <Link to="/settings" className="user-name" title={t('settings.account.open', { email: me.email })}>{personName(me)} <span className="muted">· {t(`roles.${me.role}`)}</span></Link>
      <button type="button" className="button-quiet" onClick={() => void signOut()}>{t('shell.signOut')}</button>
    </div>
  );
}
