import { Fragment, useId, useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Customer, CustomerDetail } from '../../api/types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { countryChoices } from './countries.js';
import { earliestBirthYear, parseBirthYear } from './birth-year.js';
import { draftProblems, fieldProblemOf, type FieldProblem, type IdentityField } from './profile-field-checks.js';
import { IdentityFieldProblem } from './identity-field-problem.js';

/** The text fields the profile shows as stored, under the customer's own names for them. */
export const editableFields = ['name', 'email', 'phone', 'city', 'region', 'country', 'gender'] as const;
// the income band is edited as stored ("5-10M") but shown in the reader's numbers, so the card says it
// apart; the request names it incomeBand where the customer's answer has income_band
const textFields = [...editableFields, 'incomeBand'] as const;
type EditableField = (typeof textFields)[number];
type Draft = Record<EditableField, string>;

const storedValue = (customer: Customer, field: EditableField) => (field === 'incomeBand' ? customer.income_band : customer[field]);
const draftOf = (customer: Customer) => Object.fromEntries(textFields.map((field) => [field, storedValue(customer, field) ?? ''])) as Draft;
const isIdentityField = (field: EditableField): field is IdentityField => field === 'email' || field === 'phone';

/** `onDone`: the customer as the save left them (the server's answer), or null when cancelled or nothing changed. */
type ProfileFormProps = { customer: Customer; onDone: (saved: CustomerDetail | null) => void; onMergeWith?: (customerId: number) => void };

/**
 * The profile's fields, with the stored values each time it opens (a cancelled edit is not offered again).
 * An email or phone that cannot be one is said under its field when the field is left or Save is
 * pressed, before anything is sent; one the server refuses or another customer has, under it too.
 */
export function ProfileForm({ customer, onDone, onMergeWith }: ProfileFormProps) {
  const { t, locale } = useI18n();
  const tag = intlTagByLocale[locale];
  const [draft, setDraft] = useState<Draft>(() => draftOf(customer));
  const [birthYearText, setBirthYearText] = useState(customer.birth_year === null ? '' : String(customer.birth_year));
  // shown once a field is left or Save is tried, not while the value is still being typed
  const [hasTriedSave, setHasTriedSave] = useState(false);
  const [leftFields, setLeftFields] = useState<ReadonlySet<IdentityField>>(new Set());
  // a refused save, with the draft and the customer it refused: its problem is shown until that
  // field changes or the customer does (a merge from the panel may have settled it)
  const [refused, setRefused] = useState<{ error: Error; draft: Draft; customer: Customer } | null>(null);
  const errorIdPrefix = useId();
  const birthYearErrorId = `${errorIdPrefix}-birthYear`;
  const currentYear = new Date().getFullYear();
  const birthYear = parseBirthYear(birthYearText, currentYear);
  const isBirthYearErrorShown = hasTriedSave && !birthYear.ok;
  // named in the reader's language only once the form opens: 250 look-ups, not for every page view
  const countries = useMemo(() => countryChoices(tag, customer.country), [tag, customer.country]);

  const stored = draftOf(customer);
  const changed = (field: EditableField) => draft[field] !== stored[field];
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
    if (birthYear.year !== customer.birth_year) changes.birthYear = birthYear.year;
    try {
      onDone(Object.keys(changes).length > 0 ? await api.patch<CustomerDetail>(`/api/customers/${customer.customer_id}`, changes) : null);
    } catch (caught) {
      setRefused({ error: caught as Error, draft, customer });
      const field = fieldProblemOf(caught as Error)?.field;
      if (field) (form.elements.namedItem(field) as HTMLElement | null)?.focus();
    }
  };

  return (
    <form className="stacked-form" onSubmit={save} noValidate>
      {editableFields.map((field) => {
        const problem = isIdentityField(field) ? problemOf(field) : null;
        const problemId = `${errorIdPrefix}-${field}`;
        return (
          <Fragment key={field}>
            <label className="field">
              <span>{t(`customer.fields.${field}`)}</span>
              {field === 'country' ? (
                <select name={field} value={draft.country.toUpperCase()} onChange={(event) => setDraft({ ...draft, country: event.target.value })}>
                  <option value="">{t('customer.countryNotGiven')}</option>
                  {countries.map((country) => <option key={country.code} value={country.code}>{country.name}</option>)}
                </select>
              ) : (
                <input name={field} value={draft[field]} type={field === 'phone' ? 'tel' : 'text'} inputMode={field === 'email' ? 'email' : undefined}
                  autoComplete="off" aria-invalid={problem ? true : undefined} aria-describedby={problem ? problemId : undefined}
                  onChange={(event) => setDraft({ ...draft, [field]: event.target.value })}
                  onBlur={isIdentityField(field) ? () => setLeftFields((current) => new Set(current).add(field)) : undefined} />
              )}
            </label>
            {problem ? <IdentityFieldProblem id={problemId} customerId={customer.customer_id} problem={problem} onMergeWith={onMergeWith} /> : null}
          </Fragment>
        );
      })}
      <label className="field">
        <span>{t('customer.fields.birthYear')}</span>
        <input name="birthYear" inputMode="numeric" autoComplete="off" value={birthYearText} onChange={(event) => setBirthYearText(event.target.value)}
          aria-invalid={isBirthYearErrorShown} aria-describedby={isBirthYearErrorShown ? birthYearErrorId : undefined} />
      </label>
      {isBirthYearErrorShown ? (
        <p id={birthYearErrorId} className="inline-error field-help" role="alert">
          {t('customer.birthYearInvalid', { earliest: String(earliestBirthYear), latest: String(currentYear) })}
        </p>
      ) : null}
      <label className="field">
        <span>{t('customer.fields.incomeBand')}</span>
        <input name="incomeBand" autoComplete="off" value={draft.incomeBand} onChange={(event) => setDraft({ ...draft, incomeBand: event.target.value })} />
      </label>
      {refused && !refusedProblem ? <ErrorMessage error={refused.error} /> : null}
      <div className="button-row">
        <button type="submit" className="button-primary">{t('common.save')}</button>
        <button type="button" className="button-quiet" onClick={() => onDone(null)}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
