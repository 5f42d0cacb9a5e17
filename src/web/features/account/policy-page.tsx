import { useEffect, useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { useApiAction } from '../../api/use-api-action.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { defaultTypePolicy, type TypePolicy } from '../../../analytics/policy.js';
import { useSession } from '../auth/session-context.js';
import { PolicyFieldInput } from './policy-field-input.js';
import { numericPolicyFields, policyChange, policyDraft, policyGroups, policyValueText, vipBases, type PolicyDraft } from './policy-fields.js';
import { policySavedText, type PolicySaved } from './policy-saved-text.js';
import { SettingsLayout } from './settings-layout.js';


export type PolicyFormState = {
  /** What Save would send: only valid values that differ from the stored policy. */
  change: ReturnType<typeof policyChange>['change'];
  invalidPaths: string[];
  /** Anything typed or chosen differs from the stored policy, valid or not: Discard has something to put back. */
  isEdited: boolean;
  canSave: boolean;
};

/**
 * The form's buttons as the draft stands. Save waits until every field is valid (the page says why);
 * Discard does not, so a value that cannot be saved can always be thrown away.
 */
export function policyFormState(current: TypePolicy, draft: PolicyDraft): PolicyFormState {
  const { change, invalidPaths } = policyChange(current, draft);
  const stored = policyDraft(current);
  const isEdited = draft.vipBasis !== stored.vipBasis || numericPolicyFields.some((field) => (draft.numbers[field.path] ?? '') !== (stored.numbers[field.path] ?? ''));
  return { change, invalidPaths, isEdited, canSave: invalidPaths.length === 0 && Object.keys(change).length > 0 };
}

/**
 * The thresholds behind customer types and change alerts, one policy per store. Saving sends only
 * what changed; the server reclassifies everyone in the same transaction and audits the change.
 */
export function PolicyPage() {
  const { t, format, locale } = useI18n();
  const { can } = useSession();
  const canEdit = can('analytics:write');
  const policy = useApiData<TypePolicy>('/api/analytics/policy');
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [saved, setSaved] = useState<PolicySaved | null>(null);
  const { run, isBusy, error, setError } = useApiAction();
  const fixFieldsId = useId();

  useEffect(() => { if (policy.data) setDraft(policyDraft(policy.data)); }, [policy.data]);

  if (policy.error) return <SettingsLayout><ErrorMessage error={policy.error} /></SettingsLayout>;
  if (!policy.data || !draft) return <SettingsLayout><LoadingState /></SettingsLayout>;
  const current = policy.data;
  const { change, invalidPaths, isEdited, canSave } = policyFormState(current, draft);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    setError(null);
    if (!canSave) return;
    await run(async () => {
      setSaved(await api.patch<PolicySaved>('/api/analytics/policy', change));
      policy.reload();
    });
  };

  const setNumber = (path: string, text: string) => { setSaved(null); setDraft({ ...draft, numbers: { ...draft.numbers, [path]: text } }); };
  return (
    <SettingsLayout>
      <Card title={t('settings.policy.title')}>
        <p className="muted">{t('settings.policy.intro')}</p>
        {canEdit ? null : <p className="notice">{t('settings.policy.readOnly')}</p>}
        <form className="policy-form" onSubmit={submit} noValidate>
          {policyGroups.map((group) => (
            <fieldset key={group} className="policy-group" disabled={!canEdit}>
              <legend>{t(`settings.policy.groups.${group}`)}</legend>
              {numericPolicyFields.filter((field) => field.group === group).map((field) => (
                <PolicyFieldInput key={field.path} field={field} text={draft.numbers[field.path] ?? ''} defaultText={policyValueText(defaultTypePolicy, field, format)}
                  isInvalid={invalidPaths.includes(field.path)}
                  onChange={(text) => setNumber(field.path, text)} />
              ))}
              {group === 'vip' ? (
                <label className="field policy-field">
                  <span>{t('settings.policy.fields.vip.basis')}</span>
                  <select value={draft.vipBasis} onChange={(event) => { setSaved(null); setDraft({ ...draft, vipBasis: event.target.value as PolicyDraft['vipBasis'] }); }}>
                    {vipBases.map((basis) => <option key={basis} value={basis}>{t(`settings.policy.bases.${basis}`)}</option>)}
                  </select>
                  <span className="muted small">{t('settings.policy.default', { value: t(`settings.policy.bases.${defaultTypePolicy.vip.basis}`) })}</span>
                </label>
              ) : null}
            </fieldset>
          ))}
          {error ? <ErrorMessage error={error} /> : null}
          {saved ? <p className="notice-success" role="status">{policySavedText(saved, { t, format, locale })}</p> : null}
          {/* just above the buttons, as soon as a value is wrong: a Save greyed out for no stated reason read as broken */}
          {canEdit && invalidPaths.length > 0 ? (
            <p className="inline-error" id={fixFieldsId} role="status">{t(pluralKey(locale, 'settings.policy.fixFields', invalidPaths.length), { count: format.number(invalidPaths.length) })}</p>
          ) : null}
          {canEdit ? (
            <div className="button-row">
              <button type="submit" className="button-primary" disabled={isBusy || !canSave} aria-describedby={invalidPaths.length > 0 ? fixFieldsId : undefined}>{t('settings.policy.save')}</button>
              <button type="button" className="button-secondary" disabled={isBusy || !isEdited} onClick={() => { setSaved(null); setDraft(policyDraft(current)); }}>{t('settings.policy.discard')}</button>
              <button type="button" className="button-quiet" disabled={isBusy} onClick={() => { setSaved(null); setDraft(policyDraft(defaultTypePolicy)); }}>{t('settings.policy.defaults')}</button>
            </div>
          ) : null}
        </form>
      </Card>
    </SettingsLayout>
  );
}
