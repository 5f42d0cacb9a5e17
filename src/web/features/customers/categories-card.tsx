import type { CategoryFact } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Category names are the store's own data, shown as imported. */
export function CategoriesCard({ categories }: { categories: CategoryFact[] }) {
  const { t, format } = useI18n();
  const total = categories.reduce((sum, category) => sum + category.amount_minor, 0);
  return (
    <Card title={t('customer.categories')}>
      {categories.length === 0 ? <p className="empty-state">{t('customer.noCategories')}</p> : (
        <ul className="bar-list">
          {categories.map((category) => (
            <li key={category.category}>
              <span className="bar-list-label">{category.category}</span>
              <span className="bar-list-bar" aria-hidden="true"><span style={{ width: `${total === 0 ? 0 : (category.amount_minor / total) * 100}%` }} /></span>
              <span className="bar-list-value">{format.money(category.amount_minor)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
