import { Fragment, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../api/client.js';
import type { CustomerDetail } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { Link, useRouter } from '../../routes/router.js';
import { earliestBirthYear } from './birth-year.js';
import { countryChoices } from './countries.js';
import { emptyIdentityEntry, identityChoices, identityRefusalOf, type IdentityEntry, type IdentityEntryProblem } from './identity-entry.js';
import { IdentityEntryFields } from './identity-entry-fields.js';
import {
  checkNewCustomerDraft, emptyNewCustomerDraft, newCustomerConsents, newCustomerDraftFrom, refusedFieldOf, rowOfSentIdentity,
  type ConsentChoice, type CustomerKind, type NewCustomerDraft, type NewCustomerField,
} from './new-customer-draft.js';
import { NewCustomerIdentityProblem } from './new-customer-identity-problem.js';
import { profileChoiceLists, type ProfileChoiceField } from './profile-choices.js';
import { draftProblems, fieldProblemOf, type FieldProblem, type IdentityField } from './profile-field-checks.js';
import { ChoiceSelect } from './profile-form.js';
import { useKeptDraft } from './use-kept-draft.js';

type TextInputField = Exclude<NewCustomerField, 'country' | 'birthYear' | ProfileChoiceField>;
// the profile's order: who they are and how to reach them, where they live, then gender, birth year and income band
const contactFields = ['name', 'email', 'phone', 'city', 'region'] as const satisfies readonly TextInputField[];
const kinds: CustomerKind[] = ['person', 'organization'];
// a person with customers:write alone is answered only the new customer's number
type CreateAnswer = CustomerDetail | { customerId: number };
const identityChoiceList = identityChoices();

/**
 * A customer added by hand: a walk-in at the till, a caller. Checked as the profile form checks an
 * edit (an email or phone that cannot be one, a birth year in the future) before anything is sent;
 * what the server refuses is said under the field it names, an email another customer has with a
 * link to them. Created, the new customer's page opens. A session ending while it is filled in
 * keeps what was typed for after the sign-in (useKeptDraft).
 */
export function NewCustomerPage() {
  const { t, format, locale } = useI18n();
  const { navigate } = useRouter();
  const { draft, setDraft, isRestored, forget } = useKeptDraft<NewCustomerDraft>('/customers/new', emptyNewCustomerDraft, newCustomerDraftFrom);
  const [hasTriedSave, setHasTriedSave] = useState(false);
  const [leftFields, setLeftFields] = useState<ReadonlySet<IdentityField>>(new Set());
  // shown while the field it names is as it was sent; CUSTOMER_EMPTY until anything is filled in
  const [refused, setRefused] = useState<{ error: Error; draft: NewCustomerDraft } | null>(null);
  // a second press while the first is on its way would create the customer twice
  const [isSending, setIsSending] = useState(false);
  const idPrefix = useId();
  const currentYear = new Date().getFullYear();
  const countries = useMemo(() => countryChoices(intlTagByLocale[locale], null), [locale]);
  // gender and income band offered as the edit form offers them, stored as the same codes ("female", "5-10M")
  const choices = profileChoiceLists(draft, t, format);
  const check = checkNewCustomerDraft(draft, currentYear);
  const localIdentityProblems = draftProblems({ email: draft.email, phone: draft.phone });
  const isBirthYearErrorShown = hasTriedSave && !check.ok && check.isBirthYearInvalid;

  const refusedField = refusedFieldOf(refused?.error ?? null);
  const isRefusalCurrent = refused !== null && refusedField !== null && (refused.error instanceof ApiError && refused.error.code === 'CUSTOMER_EMPTY'
    ? refused.draft === draft : refused.draft[refusedField] === draft[refusedField]);
  const refusalOf = (field: NewCustomerField) => (isRefusalCurrent && refusedField === field ? refused!.error : null);
  const identityProblemOf = (field: IdentityField): FieldProblem | null => {
    const own = localIdentityProblems.find((problem) => problem.field === field);
    if (own && (hasTriedSave || leftFields.has(field))) return own;
    const fromServer = fieldProblemOf(refusalOf(field));
    return fromServer?.field === field ? fromServer : null;
  };
  const change = (changes: Partial<NewCustomerDraft>) => setDraft({ ...draft, ...changes });
  const changeEntry = (row: number, entry: IdentityEntry) => change({ identities: draft.identities.map((current, index) => (index === row ? entry : current)) });
  // the server's answer about an item of `identities`, under the row it was sent from while that row is as sent
  const identityRefusal = refused ? identityRefusalOf(refused.error) : null;
  const refusedRow = identityRefusal && refused ? rowOfSentIdentity(refused.draft, identityRefusal.index) : null;
  const entryProblemOf = (row: number): IdentityEntryProblem | null => {
    const own = hasTriedSave && !check.ok ? check.entryProblems[row] ?? null : null;
    if (own) return own;
    return refusedRow === row && refused!.draft.identities[row] === draft.identities[row] ? identityRefusal!.problem : null;
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (isSending) return;
    const form = event.currentTarget;
    const focus = (field: string) => (form.elements.namedItem(field) as HTMLElement | null)?.focus();
    setRefused(null);
    setHasTriedSave(true);
    if (!check.ok) {
      const row = check.entryProblems.findIndex((problem) => problem !== null);
      const firstField = check.identityProblems[0]?.field ?? (check.isBirthYearInvalid ? 'birthYear' : null);
      focus(firstField ?? `${idPrefix}-identity-${row}-${check.entryProblems[row]?.part ?? 'value'}`);
      return;
    }
    setIsSending(true);
    try {
      const created = await api.post<CreateAnswer>('/api/customers', check.body);
      forget();
      navigate(`/customers/${'customerId' in created ? created.customerId : created.customer.customer_id}`);
    } catch (caught) {
      setIsSending(false);
      setRefused({ error: caught as Error, draft });
      const field = refusedFieldOf(caught as Error);
      const refusal = identityRefusalOf(caught as Error);
      const row = refusal ? rowOfSentIdentity(draft, refusal.index) : null;
      if (field) focus(field);
      else if (refusal && row !== null) focus(`${idPrefix}-identity-${row}-${refusal.problem.part}`);
    }
  };

  const problemId = (field: NewCustomerField) => `${idPrefix}-${field}`;
  const describedBy = (field: NewCustomerField, hasProblem: boolean) => (hasProblem ? { 'aria-invalid': true, 'aria-describedby': problemId(field) } : {});
  const refusalUnder = (field: NewCustomerField): ReactNode => {
    const error = refusalOf(field);
    return error ? <div id={problemId(field)} className="field-help"><ErrorMessage error={error} /></div> : null;
  };

  const textInput = (field: TextInputField) => {
    const identityProblem = field === 'email' || field === 'phone' ? identityProblemOf(field) : null;
    const refusal = identityProblem ? null : refusalUnder(field);
    return (
      <Fragment key={field}>
        <label className="field">
          <span>{t(`customer.fields.${field}`)}</span>
          <input name={field} value={draft[field]} type={field === 'phone' ? 'tel' : 'text'} inputMode={field === 'email' ? 'email' : undefined} autoComplete="off"
            {...describedBy(field, Boolean(identityProblem ?? refusal))}
            onChange={(event) => change({ [field]: event.target.value })}
            onBlur={field === 'email' || field === 'phone' ? () => setLeftFields((current) => new Set(current).add(field)) : undefined} />
        </label>
        {identityProblem ? <NewCustomerIdentityProblem id={problemId(field)} problem={identityProblem} /> : refusal}
      </Fragment>
    );
  };

  const choiceInput = (field: ProfileChoiceField) => {
    const refusal = refusalUnder(field);
    return (
      <Fragment key={field}>
        <label className="field">
          <span id={`${idPrefix}-${field}-label`}>{t(`customer.fields.${field}`)}</span>
          <ChoiceSelect name={field} labelId={`${idPrefix}-${field}-label`} value={draft[field]} choices={choices[field]}
            problemId={refusal ? problemId(field) : undefined} onChange={(value) => change({ [field]: value })} />
        </label>
        {refusal}
      </Fragment>
    );
  };

  return (
    <section className="page page-new-customer">
      <Link className="back-link" to="/customers">{t('customer.backToList')}</Link>
      <header className="page-header">
        <h1>{t('customers.new.title')}</h1>
      </header>
      {isRestored ? <p className="notice" role="status">{t('customers.new.draftRestored')}</p> : null}
      <form className="stacked-form" onSubmit={save} noValidate>
        <div className="customer-grid">
          <Card title={t('customer.profile')}>
            <div className="stacked-form">
              <fieldset className="choice-fieldset">
                <legend>{t('customers.new.kind')}</legend>
                {kinds.map((kind) => (
                  <label key={kind} className="checkbox-field">
                    <input type="radio" name="kind" value={kind} checked={draft.kind === kind} onChange={() => change({ kind })} />
                    {t(`customer.kinds.${kind}`)}
                  </label>
                ))}
              </fieldset>
              {contactFields.map(textInput)}
              <label className="field">
                <span>{t('customer.fields.country')}</span>
                <select name="country" value={draft.country} onChange={(event) => change({ country: event.target.value })} {...describedBy('country', refusalOf('country') !== null)}>
                  <option value="">{t('customer.countryNotGiven')}</option>
                  {countries.map((country) => <option key={country.code} value={country.code}>{country.name}</option>)}
                </select>
              </label>
              {refusalUnder('country')}
              {choiceInput('gender')}
              <label className="field">
                <span>{t('customer.fields.birthYear')}</span>
                <input name="birthYear" inputMode="numeric" autoComplete="off" value={draft.birthYear} onChange={(event) => change({ birthYear: event.target.value })}
                  {...describedBy('birthYear', isBirthYearErrorShown || refusalOf('birthYear') !== null)} />
              </label>
              {isBirthYearErrorShown ? (
                <p id={problemId('birthYear')} className="inline-error field-help" role="alert">
                  {t('customers.new.birthYearInvalid', { earliest: String(earliestBirthYear), latest: String(currentYear) })}
                </p>
              ) : refusalUnder('birthYear')}
              {choiceInput('incomeBand')}
            </div>
          </Card>
          <Card title={t('customer.consent')}>
            <div className="facts consent-choices">
              {newCustomerConsents.map((consent) => (
                <label key={consent} className="field">
                  <span>{t(`customer.consents.${consent}`)}</span>
                  <select name={consent} value={draft[consent]} onChange={(event) => change({ [consent]: event.target.value as ConsentChoice })}>
                    <option value="">{t('customer.consentUnknown')}</option>
                    <option value="yes">{t('common.yes')}</option>
                    <option value="no">{t('common.no')}</option>
                  </select>
                </label>
              ))}
            </div>
          </Card>
          <Card title={t('customer.identities')}>
            <div className="stacked-form">
              <p className="small muted">{t('customers.new.identitiesHelp')}</p>
              {draft.identities.map((entry, row) => (
                // rows are only added at the end and removed by their own button: the index names the row
                <div key={row} className="identity-entry-row" role="group" aria-label={t('customer.identityEntry.row', { number: row + 1 })}>
                  <IdentityEntryFields id={`${idPrefix}-identity-${row}`} entry={entry} choices={identityChoiceList} problem={entryProblemOf(row)}
                    takenHint={t('customers.new.takenHint')} onChange={(changed) => changeEntry(row, changed)} />
                  <button type="button" className="button-quiet" aria-label={t('customer.identityEntry.removeRow', { number: row + 1 })}
                    onClick={() => change({ identities: draft.identities.filter((_, index) => index !== row) })}>
                    {t('customer.identityRemove')}
                  </button>
                </div>
              ))}
              <div>
                <button type="button" className="button-secondary" onClick={() => change({ identities: [...draft.identities, emptyIdentityEntry] })}>
                  {t('customer.identityEntry.add')}
                </button>
              </div>
            </div>
          </Card>
        </div>
        {refused && refusedField === null && refusedRow === null ? <ErrorMessage error={refused.error} /> : null}
        <div className="button-row">
          <button type="submit" className="button-primary" disabled={isSending}>{t('customers.new.create')}</button>
          <Link className="button-link button-quiet" to="/customers" onClick={forget}>{t('common.cancel')}</Link>
        </div>
      </form>
    </section>
  );
}
