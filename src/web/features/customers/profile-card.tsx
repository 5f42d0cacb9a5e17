import { useId, useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Customer } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { countriesIn, countryLabel } from './countries.js';
import { earliestBirthYear, parseBirthYear } from './birth-year.js';
import { incomeBandFact } from './income-band-fact.js';

const editableFields = ['name', 'email', 'phone', 'city', 'region', 'country'] as const;
type EditableField = (typeof editableFields)[number];

type ProfileCardProps = { customer: Customer; canEdit: boolean; onSaved: () => void };

const draftOf = (customer: Customer) => Object.fromEntries(editableFields.map((field) => [field, customer[field] ?? ''])) as Record<EditableField, string>;

export function ProfileCard({ customer, canEdit, onSaved }: ProfileCardProps) {
  const { t, format, locale } = useI18n();
  const tag = intlTagByLocale[locale];
  const [isEditing, setIsEditing] = useState(false);
  const [draft, setDraft] = useState<Record<EditableField, string>>(() => draftOf(customer));
  const [birthYearText, setBirthYearText] = useState('');
  // shown once Save is tried, not while the year is still being typed
  const [hasTriedSave, setHasTriedSave] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const birthYearErrorId = useId();
  const currentYear = new Date().getFullYear();
  const birthYear = parseBirthYear(birthYearText, currentYear);
  const isBirthYearErrorShown = hasTriedSave && !birthYear.ok;
  // named in the reader's language only once the form opens: 676 look-ups, not for every page view
  const countries = useMemo(() => (isEditing ? countriesIn(tag) : []), [isEditing, tag]);

  // the stored values each time the form opens, so a cancelled edit is not offered again
  const startEditing = () => {
    setDraft(draftOf(customer));
    setBirthYearText(customer.birth_year === null ? '' : String(customer.birth_year));
    setHasTriedSave(false);
    setError(null);
    setIsEditing(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setHasTriedSave(true);
    if (!birthYear.ok) return;
    // Only changed fields are sent, and an emptied field becomes null (cleared), not "".
    const changes: Record<string, string | number | null> = Object.fromEntries(editableFields.filter((field) => draft[field] !== (customer[field] ?? '')).map((field) => [field, draft[field].trim() === '' ? null : draft[field].trim()]));
    if (birthYear.year !== customer.birth_year) changes.birthYear = birthYear.year;
    try {
      if (Object.keys(changes).length > 0) await api.patch(`/api/customers/${customer.customer_id}`, changes);
      setIsEditing(false);
      onSaved();
    } catch (caught) {
      setError(caught as Error);
    }
  };

  const actions = canEdit && !isEditing ? <button type="button" className="button-secondary" onClick={startEditing}>{t('common.edit')}</button> : null;
  return (
    <Card title={t('customer.profile')} actions={actions}>
      {isEditing ? (
        <form className="stacked-form" onSubmit={save}>
          {editableFields.map((field) => (
            <label key={field} className="field">
              <span>{t(`customer.fields.${field}`)}</span>
              {field === 'country' ? (
                <select name={field} value={draft.country.toUpperCase()} onChange={(event) => setDraft({ ...draft, country: event.target.value })}>
                  <option value="">{t('customer.countryNotGiven')}</option>
                  {/* a stored code ICU cannot name stays choosable, so opening the form never changes it */}
                  {draft.country && !countries.some((country) => country.code === draft.country.toUpperCase()) ? <option value={draft.country.toUpperCase()}>{draft.country}</option> : null}
                  {countries.map((country) => <option key={country.code} value={country.code}>{country.name}</option>)}
                </select>
              ) : (
                <input name={field} value={draft[field]} onChange={(event) => setDraft({ ...draft, [field]: event.target.value })} />
              )}
            </label>
          ))}
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
          {error ? <ErrorMessage error={error} /> : null}
          <div className="button-row">
            <button type="submit" className="button-primary">{t('common.save')}</button>
            <button type="button" className="button-quiet" onClick={() => setIsEditing(false)}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : (
        <dl className="facts">
          {editableFields.map((field) => (
            <div key={field}><dt>{t(`customer.fields.${field}`)}</dt><dd>{(field === 'country' ? countryLabel(customer.country, tag) : customer[field]) ?? '–'}</dd></div>
          ))}
          <div><dt>{t('customer.fields.birthYear')}</dt><dd>{customer.birth_year ?? '–'}</dd></div>
          <div><dt>{t('customer.fields.incomeBand')}</dt><dd>{incomeBandFact(customer.income_band, t, format)}</dd></div>
          <div><dt>{t('customer.fields.createdAt')}</dt><dd>{format.date(customer.created_at)}</dd></div>
        </dl>
      )}
    </Card>
  );
}
