import { useState } from 'react';
import type { Customer, CustomerDetail } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { EmailText } from '../../components/email-text.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { countryLabel } from './countries.js';
import { genderLabel } from './gender-label.js';
import { incomeBandFact } from './income-band-fact.js';
import { editableFields, ProfileForm } from './profile-form.js';

/**
 * `onSaved` gets the customer as the save left them, so the card and the form opened next show the
 * saved values at once, not those of a reload still on its way. `onMergeWith`, when the reader may
 * merge: opens the merge panel with another customer filled in (one whose email or phone this edit wanted).
 */
type ProfileCardProps = { customer: Customer; canEdit: boolean; onSaved: (saved: CustomerDetail) => void; onMergeWith?: (customerId: number) => void };

export function ProfileCard({ customer, canEdit, onSaved, onMergeWith }: ProfileCardProps) {
  const { t, format, locale } = useI18n();
  const tag = intlTagByLocale[locale];
  const [isEditing, setIsEditing] = useState(false);
  const finish = (saved: CustomerDetail | null) => {
    setIsEditing(false);
    if (saved) onSaved(saved);
  };

  const actions = canEdit && !isEditing ? <button type="button" className="button-secondary" onClick={() => setIsEditing(true)}>{t('common.edit')}</button> : null;
  return (
    <Card title={t('customer.profile')} actions={actions}>
      {isEditing ? <ProfileForm customer={customer} onDone={finish} onMergeWith={onMergeWith} /> : (
        <dl className="facts">
          {editableFields.map((field) => (
            <div key={field}><dt>{t(`customer.fields.${field}`)}</dt><dd>{field === 'email' && customer.email ? <EmailText email={customer.email} /> : (field === 'country' ? countryLabel(customer.country, tag) : field === 'gender' ? genderLabel(customer.gender, t) : customer[field]) ?? '–'}</dd></div>
          ))}
          <div><dt>{t('customer.fields.birthYear')}</dt><dd>{customer.birth_year ?? '–'}</dd></div>
          <div><dt>{t('customer.fields.incomeBand')}</dt><dd>{incomeBandFact(customer.income_band, t, format)}</dd></div>
          <div><dt>{t('customer.fields.createdAt')}</dt><dd>{format.date(customer.created_at)}</dd></div>
        </dl>
      )}
    </Card>
  );
}
