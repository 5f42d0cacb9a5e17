import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { useApiAction } from '../../api/use-api-action.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { pluralKey } from '../../i18n/plural.js';
import { defaultTypePolicy, type TypePolicy } from '../../../analytics/policy.js';
import { useSession } from '../auth/session-context.js';
import { PolicyFieldInput } from './policy-field-input.js';
import { exactMoneyText, numericPolicyFields, parsePolicyValue, policyChange, policyDraft, policyDraftInLanguage, policyGroups, policyNumberText, policyValueText, refusedPolicyPaths, vipBases, type PolicyDraft, type PolicyValueProblem } from './policy-fields.js';
import { policySavedText, type PolicySaved } from './policy-saved-text.js';
import { SettingsLayout } from './settings-layout.js';


export type PolicyFormState = {
  /** What Save would send: only valid values that differ from the stored policy. */
  change: ReturnType<typeof policyChange>['change'];
  /** Fields Save waits on: text the form cannot send, and values the server refused and that are unchanged since. */
  invalidPaths: string[];
  /** Why the form cannot send a field's text, by path. */
  problems: Record<string, PolicyValueProblem>;
  /** Anything typed or chosen differs from the stored policy, valid or not: Discard has something to put back. */
  isEdited: boolean;
  canSave: boolean;
};

/**
 * The form's buttons as the draft stands. Save waits until every field is valid (the page says why);
 * Discard does not, so a value that cannot be saved can always be thrown away.
 */
export function policyFormState(current: TypePolicy, draft: PolicyDraft, tag: string, refusedPaths: readonly string[] = []): PolicyFormState {
  const { change, invalidPaths: unreadable, problems } = policyChange(current, draft, tag);
  const invalidPaths = [...unreadable, ...refusedPaths.filter((path) => !unreadable.includes(path))];
  const stored = policyDraft(current, tag);
  const isEdited = draft.vipBasis !== stored.vipBasis || numericPolicyFields.some((field) => (draft.numbers[field.path] ?? '') !== (stored.numbers[field.path] ?? ''));
  return { change, invalidPaths, problems, isEdited, canSave: invalidPaths.length === 0 && Object.keys(change).length > 0 };
}

/**
 * The thresholds behind customer types and change alerts, one policy per store. Saving sends only
 * what changed; the server reclassifies everyone in the same transaction and audits the change.
 */
export function PolicyPage() {
  const { t, format, locale } = useI18n();
  const tag = intlTagByLocale[locale];
  const { can } = useSession();
  const canEdit = can('analytics:write');
  const policy = useApiData<TypePolicy>('/api/analytics/policy');
  const [draft, setDraft] = useState<PolicyDraft | null>(null);
  const [saved, setSaved] = useState<PolicySaved | null>(null);
  // the texts last sent: a field the server refused stays marked until its text changes
  const [sentNumbers, setSentNumbers] = useState<Record<string, string>>({});
  const { run, isBusy, error, setError } = useApiAction();
  const fixFieldsId = useId();

  // the stored policy (loaded, saved) resets the draft; a change of language only rewrites what was typed in the new
  // language's numbers, so edits not yet saved are never thrown away
  const drafted = useRef<{ policy: TypePolicy | null; tag: string }>({ policy: null, tag });
  useEffect(() => {
    if (!policy.data) return;
    const last = drafted.current;
    drafted.current = { policy: policy.data, tag };
    if (last.policy !== policy.data) setDraft(policyDraft(policy.data, tag));
    else if (last.tag !== tag) setDraft((typed) => (typed ? policyDraftInLanguage(typed, last.tag, tag) : policyDraft(policy.data!, tag)));
  }, [policy.data, tag]);

  if (policy.error) return <SettingsLayout><ErrorMessage error={policy.error} /></SettingsLayout>;
  if (!policy.data || !draft) return <SettingsLayout><LoadingState /></SettingsLayout>;
  const current = policy.data;
  const refusedPaths = refusedPolicyPaths(error).filter((path) => draft.numbers[path] === sentNumbers[path]);
  const { change, invalidPaths, problems, isEdited, canSave } = policyFormState(current, draft, tag, refusedPaths);
  // a refusal the form can say beside its field is said there, by the field's label, not by its key below the form
  const isFormError = error !== null && refusedPolicyPaths(error).length === 0;
  const refusalOf = (path: string) => (refusedPaths.includes(path) ? t('errors.codes.ANALYTICS_POLICY_INVALID', { field: t(`settings.policy.fields.${path}`) }) : null);
  // the alerts' minimum expected counts orders and customers as they are, revenue in the currency's smallest unit
  const minExpectedNote = (text: string) => {
    if (format.currencySymbol === null) return t('settings.policy.minExpectedNote.minor');
    const field = numericPolicyFields.find((candidate) => candidate.path === 'alerts.minExpected')!;
    const value = parsePolicyValue(field, text, tag) ?? defaultTypePolicy.alerts.minExpected;
    return t('settings.policy.minExpectedNote.money', { value: policyNumberText(value, tag), money: exactMoneyText(value, format, tag) });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    setError(null);
    if (!canSave) return;
    setSentNumbers(draft.numbers);
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
                <PolicyFieldInput key={field.path} field={field} text={draft.numbers[field.path] ?? ''} defaultText={policyValueText(defaultTypePolicy, field, tag)}
                  problem={problems[field.path] ?? null} refusal={refusalOf(field.path)}
                  note={field.path === 'alerts.minExpected' ? minExpectedNote(draft.numbers[field.path] ?? '') : null}
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
          {error && isFormError ? <ErrorMessage error={error} /> : null}
          {saved ? <p className="notice-success" role="status">{policySavedText(saved, { t, format, locale })}</p> : null}
          {/* just above the buttons, as soon as a value is wrong: a Save greyed out for no stated reason read as broken */}
          {canEdit && invalidPaths.length > 0 ? (
            <p className="inline-error" id={fixFieldsId} role="status">{t(pluralKey(locale, 'settings.policy.fixFields', invalidPaths.length), { count: format.number(invalidPaths.length) })}</p>
          ) : null}
          {canEdit ? (
            <div className="button-row">
              <button type="submit" className="button-primary" disabled={isBusy || !canSave} aria-describedby={invalidPaths.length > 0 ? fixFieldsId : undefined}>{t('settings.policy.save')}</button>
              <button type="button" className="button-secondary" disabled={isBusy || !isEdited} onClick={() => { setSaved(null); setDraft(policyDraft(current, tag)); }}>{t('settings.policy.discard')}</button>
              <button type="button" className="button-quiet" disabled={isBusy} onClick={() => { setSaved(null); setDraft(policyDraft(defaultTypePolicy, tag)); }}>{t('settings.policy.defaults')}</button>
            </div>
          ) : null}
        </form>
      </Card>
    </SettingsLayout>
  );
}
