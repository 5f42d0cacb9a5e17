import { useRef, useState } from 'react';
import type { Customer, CustomerDetail } from '../../api/types.js';
import { Card } from '../../components/card.js';
import { EmailText } from '../../components/email-text.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { countryLabel } from './countries.js';
import { genderLabel } from './gender-label.js';
import { incomeBandFact } from './income-band-fact.js';
import { editableFields, ProfileForm } from './profile-form.js';
import { phoneText } from './phone-text.js';
import { useFocusOnClose } from './use-focus-on-close.js';
import { hasKeptProfileDraft } from './use-kept-profile-draft.js';

/**
 * `onSaved` gets the customer as the save left them, so the card and the form opened next show the
 * saved values at once, not those of a reload still on its way. `onMergeWith`, when the reader may
 * merge: opens the merge panel with another customer filled in (one whose email or phone this edit wanted).
 */
type ProfileCardProps = { customer: Customer; canEdit: boolean; onSaved: (saved: CustomerDetail) => void; onMergeWith?: (customerId: number) => void };

export function ProfileCard({ customer, canEdit, onSaved, onMergeWith }: ProfileCardProps) {
  const { t, format, locale } = useI18n();
  const tag = intlTagByLocale[locale];
  // a draft kept while the person signed in again reopens the form it was typed in
  const { state } = useSession();
  const [isEditing, setIsEditing] = useState(() => canEdit && hasKeptProfileDraft(customer.customer_id, state.status === 'signed-in' ? state.me.userId : null));
  const editButton = useRef<HTMLButtonElement>(null);
  useFocusOnClose(isEditing, editButton);
  const finish = (saved: CustomerDetail | null) => {
    setIsEditing(false);
    if (saved) onSaved(saved);
  };

  const actions = canEdit && !isEditing ? <button ref={editButton} type="button" className="button-secondary" onClick={() => setIsEditing(true)}>{t('common.edit')}</button> : null;
  return (
    <Card title={t('customer.profile')} actions={actions}>
      {isEditing ? <ProfileForm customer={customer} onDone={finish} onMergeWith={onMergeWith} /> : (
        <dl className="facts">
          {editableFields.map((field) => (
            <div key={field}><dt>{t(`customer.fields.${field}`)}</dt><dd>{field === 'email' && customer.email ? <EmailText email={customer.email} /> : (field === 'country' ? countryLabel(customer.country, tag) : field === 'gender' ? genderLabel(customer.gender, t) : field === 'phone' && customer.phone ? phoneText(customer.phone) : customer[field]) ?? '–'}</dd></div>
          ))}
          <div><dt>{t('customer.fields.birthYear')}</dt><dd>{customer.birth_year ?? '–'}</dd></div>
          <div><dt>{t('customer.fields.incomeBand')}</dt><dd>{incomeBandFact(customer.income_band, t, format)}</dd></div>
          <div><dt>{t('customer.fields.createdAt')}</dt><dd>{format.date(customer.created_at)}</dd></div>
        </dl>
      )}
    </Card>
  );
}
