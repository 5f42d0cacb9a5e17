import { useI18n } from '../../i18n/i18n-context.js';
import { OwnerLink } from './identity-field-problem.js';
import type { FieldProblem } from './profile-field-checks.js';

/**
 * What is wrong with a new customer's email or phone, under the field (its aria-describedby points
 * here). One another customer has names and links them: on create there is nobody to merge yet,
 * so the way forward is to add the details to that customer, or to correct the value.
 */
export function NewCustomerIdentityProblem({ id, problem }: { id: string; problem: FieldProblem }) {
  const { t } = useI18n();
  if (problem.kind !== 'taken') {
    // the profile's "invalid" texts offer to clear the field, which a new customer has nothing in
    const key = problem.kind === 'invalid' ? `customers.new.${problem.field}Invalid` : `customer.fieldProblems.${problem.field}Refused`;
    return <p id={id} className="inline-error field-help" role="alert">{t(key)}</p>;
  }
  return (
    <div id={id} className="inline-error field-help identity-taken" role="alert">
      <p>
        {t(`customer.fieldProblems.${problem.field}Taken`)}{' '}
        {problem.belongsTo === null ? null : <OwnerLink customerId={problem.belongsTo} />}
      </p>
      <p>{t('customers.new.takenHint')}</p>
    </div>
  );
}
