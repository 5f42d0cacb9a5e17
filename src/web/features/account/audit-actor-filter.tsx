import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n-context.js';

/**
 * Whose entries to show, typed as staff know them: an email, `user:<id>` (everything by that
 * person, whatever email they had then) or an API key's name; the server's matching is in
 * src/auth/audit-actor-filter.ts. A name picked in the log fills it in as written, which matches too.
 */
export function AuditActorFilter({ actor, onChange }: { actor: string; onChange: (actor: string) => void }) {
  const { t } = useI18n();
  const hintId = useId();
  const [draft, setDraft] = useState(actor);
  useEffect(() => setDraft(actor), [actor]);
  return (
    <form className="inline-form audit-actor-search" role="search" onSubmit={(event) => { event.preventDefault(); onChange(draft.trim()); }}>
      <label className="field">
        <span>{t('settings.audit.actorFilter')}</span>
        <input type="search" value={draft} onChange={(event) => setDraft(event.target.value)} placeholder={t('settings.audit.actorPlaceholder')} aria-describedby={hintId} autoComplete="off" />
      </label>
      <button type="submit" className="button-secondary">{t('settings.audit.actorApply')}</button>
      {/* a line of its own under the field and its button (app.css has no class for a form's hint) */}
      <p id={hintId} className="muted small" style={{ flexBasis: '100%', margin: 0 }}>{t('settings.audit.actorHint')}</p>
    </form>
  );
}
