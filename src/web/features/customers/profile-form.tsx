import { Fragment, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Customer, CustomerDetail } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { countryChoices } from './countries.js';
import { earliestBirthYear, parseBirthYear } from './birth-year.js';
import { draftProblems, fieldProblemOf, type FieldProblem, type IdentityField } from './profile-field-checks.js';
import { IdentityFieldProblem } from './identity-field-problem.js';
import { areAllLive, changedFields, liveEdits, shownValues, withEdit, type FieldEdits } from './field-edits.js';
import { profileChoiceLists, type ProfileChoice, type ProfileChoiceField } from './profile-choices.js';
import { useKeptProfileDraft } from './use-kept-profile-draft.js';

/** The text fields the profile shows as stored, under the customer's own names for them. */
export const editableFields = ['name', 'email', 'phone', 'city', 'region', 'country', 'gender'] as const;
// the income band is shown in the reader's numbers, so the card says it apart; the request names it
// incomeBand where the customer's answer has income_band
const textFields = [...editableFields, 'incomeBand'] as const;
type EditableField = (typeof textFields)[number];
// the birth year as typed, checked apart (parseBirthYear)
type FormField = EditableField | 'birthYear';
const formFields: readonly FormField[] = [...textFields, 'birthYear'];
type Draft = Record<FormField, string>;

const storedValue = (customer: Customer, field: EditableField) => (field === 'incomeBand' ? customer.income_band : customer[field]);
const draftOf = (customer: Customer) => ({
  ...Object.fromEntries(textFields.map((field) => [field, storedValue(customer, field) ?? ''])),
  birthYear: customer.birth_year === null ? '' : String(customer.birth_year),
}) as Draft;
const isIdentityField = (field: EditableField): field is IdentityField => field === 'email' || field === 'phone';

/** `onDone`: the customer as the save left them (the server's answer), or null when cancelled or nothing changed. */
type ProfileFormProps = { customer: Customer; onDone: (saved: CustomerDetail | null) => void; onMergeWith?: (customerId: number) => void };

/**
 * The profile's fields, with the stored values each time it opens (a cancelled edit is not offered again).
 * While it is open the fields follow the customer (a merge or its undo fills or restores some): only
 * what the person changed is kept over them, and only that is sent (field-edits.ts).
 * Gender and income band are chosen under the card's own words, and stored as the values they stand for.
 * An email or phone that cannot be one is said under its field when the field is left or Save is
 * pressed, before anything is sent; one the server refuses or another customer has, under it too.
 * The changes outlive the session ending under them (useKeptProfileDraft), and the form says so when
 * it gives them back.
 */
export function ProfileForm({ customer, onDone, onMergeWith }: ProfileFormProps) {
  const { t, format, locale } = useI18n();
  const tag = intlTagByLocale[locale];
  const { draft: edits, setDraft: setEdits, isRestored, forget } = useKeptProfileDraft(customer.customer_id, formFields);
  const formElement = useRef<HTMLFormElement>(null);
  // the form opens where typing starts: its first field
  useEffect(() => { (formElement.current?.elements.namedItem(editableFields[0]) as HTMLElement | null)?.focus(); }, []);
  const stored = draftOf(customer);
  const draft = shownValues(stored, edits);
  const edit = (field: FormField, value: string) => setEdits(withEdit(edits, stored, field, value));
  // a change made over a value since replaced is dropped for good, not revived by an undo
  useEffect(() => { if (!areAllLive(edits, draftOf(customer))) setEdits(liveEdits(edits, draftOf(customer))); }, [customer]);
  // shown once a field is left or Save is tried, not while the value is still being typed
  const [hasTriedSave, setHasTriedSave] = useState(false);
  const [leftFields, setLeftFields] = useState<ReadonlySet<IdentityField>>(new Set());
  // a refused save, with the draft and the customer it refused: its problem is shown until that
  // field changes or the customer does (a merge from the panel may have settled it)
  const [refused, setRefused] = useState<{ error: Error; draft: Draft; customer: Customer } | null>(null);
  const errorIdPrefix = useId();
  const birthYearErrorId = `${errorIdPrefix}-birthYear`;
  const currentYear = new Date().getFullYear();
  const birthYear = parseBirthYear(draft.birthYear, currentYear);
  const isBirthYearErrorShown = hasTriedSave && !birthYear.ok;
  // named in the reader's language only once the form opens: 250 look-ups, not for every page view
  const countries = useMemo(() => countryChoices(tag, customer.country), [tag, customer.country]);
  const choices = profileChoiceLists(stored, t, format);

  const changedNow = changedFields(stored, edits);
  const changed = (field: FormField) => changedNow.includes(field);
  const checked = draftProblems(Object.fromEntries((['email', 'phone'] as const).filter(changed).map((field) => [field, draft[field]])));
  const refusedProblem = fieldProblemOf(refused?.error ?? null);
  const problemOf = (field: IdentityField): FieldProblem | null => {
    const own = checked.find((problem) => problem.field === field);
    if (own && (hasTriedSave || leftFields.has(field))) return own;
    return refusedProblem?.field === field && refused?.draft[field] === draft[field] && refused.customer === customer ? refusedProblem : null;
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setRefused(null);
    setHasTriedSave(true);
    const firstProblem = checked[0]?.field ?? (birthYear.ok ? null : 'birthYear');
    if (firstProblem) {
      (form.elements.namedItem(firstProblem) as HTMLElement | null)?.focus();
      return;
    }
    if (!birthYear.ok) return;
    // Only changed fields are sent, and an emptied field becomes null (cleared), not "".
    const changes: Record<string, string | number | null> = Object.fromEntries(textFields.filter(changed).map((field) => [field, draft[field].trim() === '' ? null : draft[field].trim()]));
    if (changed('birthYear') && birthYear.year !== customer.birth_year) changes.birthYear = birthYear.year;
    try {
      const saved = Object.keys(changes).length > 0 ? await api.patch<CustomerDetail>(`/api/customers/${customer.customer_id}`, changes) : null;
      forget();
      onDone(saved);
    } catch (caught) {
      setRefused({ error: caught as Error, draft, customer });
      const field = fieldProblemOf(caught as Error)?.field;
      if (field) (form.elements.namedItem(field) as HTMLElement | null)?.focus();
    }
  };

  return (
    <form ref={formElement} className="stacked-form" onSubmit={save} noValidate>
      {isRestored ? <p className="notice" role="status">{t('customer.profileDraftRestored')}</p> : null}
      {editableFields.map((field) => {
        const problem = isIdentityField(field) ? problemOf(field) : null;
        const problemId = `${errorIdPrefix}-${field}`;
        return (
          <Fragment key={field}>
            <label className="field">
              <span id={`${errorIdPrefix}-${field}-label`}>{t(`customer.fields.${field}`)}</span>
              {field === 'country' ? (
                <select name={field} value={draft.country.toUpperCase()} onChange={(event) => edit('country', event.target.value)}>
                  <option value="">{t('customer.countryNotGiven')}</option>
                  {countries.map((country) => <option key={country.code} value={country.code}>{country.name}</option>)}
                </select>
              ) : field === 'gender' ? (
                <ChoiceSelect name={field} labelId={`${errorIdPrefix}-gender-label`} value={draft.gender} choices={choices.gender} onChange={(value) => edit('gender', value)} />
              ) : (
                <input name={field} value={draft[field]} type={field === 'phone' ? 'tel' : 'text'} inputMode={field === 'email' ? 'email' : undefined}
                  autoComplete="off" aria-invalid={problem ? true : undefined} aria-describedby={problem ? problemId : undefined}
                  onChange={(event) => edit(field, event.target.value)}
                  onBlur={isIdentityField(field) ? () => setLeftFields((current) => new Set(current).add(field)) : undefined} />
              )}
            </label>
            {problem ? <IdentityFieldProblem id={problemId} customerId={customer.customer_id} problem={problem} onMergeWith={onMergeWith} /> : null}
          </Fragment>
        );
      })}
      <label className="field">
        <span>{t('customer.fields.birthYear')}</span>
        <input name="birthYear" inputMode="numeric" autoComplete="off" value={draft.birthYear} onChange={(event) => edit('birthYear', event.target.value)}
          aria-invalid={isBirthYearErrorShown} aria-describedby={isBirthYearErrorShown ? birthYearErrorId : undefined} />
      </label>
      {isBirthYearErrorShown ? (
        <p id={birthYearErrorId} className="inline-error field-help" role="alert">
          {t('customer.birthYearInvalid', { earliest: String(earliestBirthYear), latest: String(currentYear) })}
        </p>
      ) : null}
      <label className="field">
        <span id={`${errorIdPrefix}-incomeBand-label`}>{t('customer.fields.incomeBand')}</span>
        <ChoiceSelect name="incomeBand" labelId={`${errorIdPrefix}-incomeBand-label`} value={draft.incomeBand} choices={choices.incomeBand} onChange={(value) => edit('incomeBand', value)} />
      </label>
      {refused && !refusedProblem ? <ErrorMessage error={refused.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button-primary">{t('common.save')}</button>
        <button type="button" className="button-quiet" onClick={() => { forget(); onDone(null); }}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}

type ChoiceSelectProps = {
  name: ProfileChoiceField; labelId: string; value: string; choices: ProfileChoice[]; onChange: (value: string) => void;
  /** The id of a problem said under the field, which then reads as invalid. */
  problemId?: string;
};

/**
 * A field stored as written, chosen from its known values and the stored one (profileChoices). Named
 * by its label alone (labelId): a select inside a label would be named with its choices too.
 * The new-customer form offers the same (new-customer-page.tsx).
 */
export function ChoiceSelect({ name, labelId, value, choices, onChange, problemId }: ChoiceSelectProps) {
  const { t } = useI18n();
  return (
    <select name={name} aria-labelledby={labelId} value={value} onChange={(event) => onChange(event.target.value)}
      aria-invalid={problemId ? true : undefined} aria-describedby={problemId}>
      <option value="">{t(`customer.notGiven.${name}`)}</option>
      {choices.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
    </select>
  );
}
