import { useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';
import type { CustomerFilters } from './customer-filters.js';
import { readSavedViews, withView, writeSavedViews, type SavedView } from './saved-views.js';

type SavedViewsMenuProps = { filters: CustomerFilters; onApply: (filters: CustomerFilters) => void };

export function SavedViewsMenu({ filters, onApply }: SavedViewsMenuProps) {
  const { t } = useI18n();
  const [views, setViews] = useState<SavedView[]>(readSavedViews);
  const [name, setName] = useState('');
  const update = (next: SavedView[]) => {
    setViews(next);
    writeSavedViews(next);
  };
  return (
    <div className="saved-views">
      <label className="field">
        <span>{t('customers.views.open')}</span>
        <select value="" onChange={(event) => { const view = views.find((candidate) => candidate.name === event.target.value); if (view) onApply(view.filters); }}>
          <option value="">{views.length === 0 ? t('customers.views.none') : t('customers.views.choose')}</option>
          {views.map((view) => <option key={view.name} value={view.name}>{view.name}</option>)}
        </select>
      </label>
      <form className="inline-form" onSubmit={(event) => { event.preventDefault(); if (name.trim()) { update(withView(views, { name: name.trim(), filters })); setName(''); } }}>
        <label className="field">
          <span>{t('customers.views.name')}</span>
          <input value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <button type="submit" className="button-secondary" disabled={!name.trim()}>{t('customers.views.save')}</button>
      </form>
      {views.length > 0 ? (
        <ul className="saved-view-list" aria-label={t('customers.views.listLabel')}>
          {views.map((view) => (
            <li key={view.name}>
              <button type="button" className="chip" onClick={() => onApply(view.filters)}>{view.name}</button>
              <button type="button" className="chip-remove" aria-label={t('customers.views.delete', { name: view.name })} onClick={() => update(views.filter((candidate) => candidate.name !== view.name))}>×</button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
