import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Persona } from '../../api/target-group-types.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { usePersonaName } from './persona-name-text.js';

/** A marketer's name, description and pin (a pinned persona keeps them across rediscovery). */
export function PersonaEditForm({ persona, onSaved }: { persona: Persona; onSaved: (persona: Persona) => void }) {
  const { t } = useI18n();
  // a generated name is offered in the reader's language; saved unchanged, it stays the generated name
  const shownName = usePersonaName(persona).text;
  const [name, setName] = useState(shownName);
  const [description, setDescription] = useState(persona.description ?? '');
  const [isPinned, setIsPinned] = useState(persona.isPinned);
  const [error, setError] = useState<Error | null>(null);
  const [saved, setSaved] = useState(false);
  const [isSaving, setIsSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (isSaving) return;
    setError(null);
    setSaved(false);
    setIsSaving(true);
    try {
      const updated = await api.patch<Persona>(`/api/personas/${persona.personaId}`, { name: name.trim() === shownName ? persona.name : name.trim(), description: description.trim() === '' ? null : description.trim(), isPinned });
      setSaved(true);
      onSaved(updated);
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setIsSaving(false);
    }
  };
  return (
    <Card title={t('personas.editTitle')}>
      <form className="stacked-form" onSubmit={save}>
        <label className="field">
          <span>{t('personas.name')}</span>
          <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={120} />
        </label>
        <label className="field">
          <span>{t('personas.description')}</span>
          <textarea value={description} onChange={(event) => setDescription(event.target.value)} rows={3} maxLength={2000} />
        </label>
        <label className="checkbox-field">
          <input type="checkbox" checked={isPinned} onChange={(event) => setIsPinned(event.target.checked)} disabled={persona.isRetired} />
          <span>{t('personas.pin')}</span>
        </label>
        <p className="muted small">{t('personas.pinExplanation')}</p>
        {error ? <ErrorMessage error={error} /> : null}
        <div className="button-row">
          <button type="submit" className="button-primary" disabled={isSaving || name.trim() === ''}>{t('common.save')}</button>
          <span role="status" className="small">{saved ? t('personas.saved') : ''}</span>
        </div>
      </form>
    </Card>
  );
}
