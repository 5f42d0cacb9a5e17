import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { useApiAction } from '../../api/use-api-action.js';
import type { ApiKey } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useMe } from '../auth/session-context.js';
import { CopyOnce } from './copy-once.js';
import { scopeChoices } from './grantable-scopes.js';

/**
 * A key for a machine (a shop's order feed, a BI tool): a name that says who uses it and the
 * fewest scopes that do the job. Scopes beyond the creator's role are shown but cannot be chosen.
 */
export function CreateApiKeyForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const choices = scopeChoices(me.permissions);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [created, setCreated] = useState<{ apiKey: ApiKey; key: string } | null>(null);
  const { run, isBusy, error } = useApiAction();
  const [isScopeMissing, setIsScopeMissing] = useState(false);

  const toggle = (scope: string, isChecked: boolean) => setScopes((current) => (isChecked ? [...current, scope] : current.filter((item) => item !== scope)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsScopeMissing(scopes.length === 0);
    if (scopes.length === 0) return;
    setCreated(null);
    await run(async () => {
      setCreated(await api.post<{ apiKey: ApiKey; key: string }>('/api/api-keys', { name: name.trim(), scopes }));
      setName('');
      setScopes([]);
      onCreated();
    });
  };

  return (
    <>
      <form className="api-key-form" onSubmit={submit}>
        <label className="field">
          <span>{t('settings.apiKeys.name')}</span>
          <input required maxLength={100} value={name} placeholder={t('settings.apiKeys.namePlaceholder')} onChange={(event) => setName(event.target.value)} />
        </label>
        <fieldset className="scope-choices">
          <legend>{t('settings.apiKeys.scopes')}</legend>
          {choices.map(({ scope, isGrantable }) => (
            <label key={scope} className={`scope-choice${isGrantable ? '' : ' muted'}`}>
              <input type="checkbox" disabled={!isGrantable} checked={scopes.includes(scope)} onChange={(event) => toggle(scope, event.target.checked)} />
              <span><strong>{t(`settings.scopes.${scope}.name`)}</strong> — {t(`settings.scopes.${scope}.description`)}
                {isGrantable ? null : <span className="small"> ({t('settings.apiKeys.beyondRole')})</span>}</span>
            </label>
          ))}
        </fieldset>
        {isScopeMissing ? <p className="inline-error" role="alert">{t('settings.apiKeys.scopeMissing')}</p> : null}
        <div className="button-row"><button type="submit" className="button-primary" disabled={isBusy}>{t('settings.apiKeys.create')}</button></div>
      </form>
      {error ? <ErrorMessage error={error} /> : null}
      {created ? <CopyOnce label={t('settings.apiKeys.key')} secret={created.key} explanation={t('settings.apiKeys.created', { name: created.apiKey.name })} /> : null}
    </>
  );
}
