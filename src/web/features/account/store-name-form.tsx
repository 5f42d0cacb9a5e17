import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { useApiAction } from '../../api/use-api-action.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Renames the store: the name staff see in the header and exports carry. */
export function StoreNameForm({ name, onSaved }: { name: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(name);
  const [isSaved, setIsSaved] = useState(false);
  const { run, isBusy, error } = useApiAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsSaved(false);
    await run(async () => {
      await api.patch('/api/settings', { name: draft.trim() });
      setIsSaved(true);
      onSaved();
    });
  };

  return (
    <form className="inline-form" onSubmit={submit}>
      <label className="field field-wide">
        <span>{t('settings.store.name')}</span>
        <input required maxLength={120} value={draft} onChange={(event) => { setDraft(event.target.value); setIsSaved(false); }} />
      </label>
      <button type="submit" className="button-primary" disabled={isBusy || draft.trim() === '' || draft.trim() === name}>{t('common.save')}</button>
      {isSaved ? <p className="notice-success" role="status">{t('settings.store.renamed')}</p> : null}
      {error ? <ErrorMessage error={error} /> : null}
    </form>
  );
}
