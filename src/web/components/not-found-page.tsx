import { useI18n } from '../i18n/i18n-context.js';
import { Link } from '../routes/router.js';

/** Also shown for pages the role may not open, without saying whether they exist. */
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
