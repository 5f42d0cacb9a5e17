import { useI18n, type I18n } from '../i18n/i18n-context.js';
import { intlTagByLocale } from '../i18n/messages.js';
import { Link } from '../routes/router.js';

/** An address no page has. A page the reader's role may not open is RoleCannotOpenPage. */
export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </section>
  );
}

/**
 * "Your role (Marketer) cannot open this page. Roles that can: Owner and Administrator.", in the
 * reader's language: `allowedRoles` are the roles whose permissions include the page's (src/auth/permissions.ts).
 */
export function roleCannotOpenText({ t, locale }: Pick<I18n, 't' | 'locale'>, role: string, allowedRoles: readonly string[]): string {
  const roles = new Intl.ListFormat(intlTagByLocale[locale], { type: 'conjunction' }).format(allowedRoles.map((allowed) => t(`roles.${allowed}`)));
  return t('forbiddenPage.body', { role: t(`roles.${role}`), roles });
}

/** A page that exists, which the signed-in user's role may not open: says so, and which roles can, not "not found". */
export function RoleCannotOpenPage({ role, allowedRoles }: { role: string; allowedRoles: readonly string[] }) {
  const i18n = useI18n();
  return (
    <section className="page">
      <h1>{i18n.t('forbiddenPage.title')}</h1>
      <p>{roleCannotOpenText(i18n, role, allowedRoles)}</p>
      <Link to="/">{i18n.t('notFound.home')}</Link>
    </section>
  );
}
