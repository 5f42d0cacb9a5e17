import { LanguagePicker } from '../../components/language-picker.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { PasswordForm } from '../account/password-form.js';
import { useMe, useSession } from './session-context.js';

/** After a one-time password the server allows nothing else until the user picks their own. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const me = useMe();
  const { refresh, signOut, oneTimePassword, forgetOneTimePassword } = useSession();
  const known = oneTimePassword();
  return (
    <main className="sign-in" id="main">
      <section className="sign-in-form card" aria-labelledby="password-title">
        <div className="sign-in-top">
          <p className="brand">{t('shell.productName')}</p>
          <LanguagePicker />
        </div>
        <h1 id="password-title">{t('password.title')}</h1>
        <p>{t(known ? 'password.explanationKnown' : 'password.explanation')}</p>
        <PasswordForm email={me.email} currentLabel={t('password.current')} knownCurrentPassword={known} currentMissingKey="password.currentMissing" currentWrongKey="password.currentWrong" submitLabel={t('password.submit')}
          onChanged={async () => { forgetOneTimePassword(); await refresh(); }} />
        <button type="button" className="button-quiet" onClick={() => void signOut()}>{t('shell.signOut')}</button>
      </section>
    </main>
  );
}
