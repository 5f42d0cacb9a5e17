import type { CustomerDetail } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { customerLabel } from './customer-label.js';
import type { FieldProblem } from './profile-field-checks.js';

type IdentityFieldProblemProps = { id: string; problem: FieldProblem; onMergeWith?: (customerId: number) => void };

/**
 * What is wrong with an email or phone, under the field (the field's aria-describedby points here).
 * One that another customer has names and links them, and offers the merge when the reader may merge.
 */
export function IdentityFieldProblem({ id, problem, onMergeWith }: IdentityFieldProblemProps) {
  const { t } = useI18n();
  if (problem.kind !== 'taken') {
    return <p id={id} className="inline-error field-help" role="alert">{t(`customer.fieldProblems.${problem.field}${problem.kind === 'invalid' ? 'Invalid' : 'Refused'}`)}</p>;
  }
  const { belongsTo } = problem;
  return (
    <div id={id} className="inline-error field-help identity-taken" role="alert">
      <p>
        {t(`customer.fieldProblems.${problem.field}Taken`)}{' '}
        {belongsTo === null ? null : <OwnerLink customerId={belongsTo} />}
      </p>
      <p>{t('customer.fieldProblems.takenHint')}</p>
      {belongsTo !== null && onMergeWith ? (
        <button type="button" className="button-secondary" onClick={() => onMergeWith(belongsTo)}>{t('customer.fieldProblems.openMerge', { id: belongsTo })}</button>
      ) : null}
    </div>
  );
}

/** The other customer by name once loaded, by number until then (or when they cannot be read). */
function OwnerLink({ customerId }: { customerId: number }) {
  const { t } = useI18n();
  const owner = useApiData<CustomerDetail>(`/api/customers/${customerId}`);
  const name = owner.data ? customerLabel(owner.data.customer, t) : null;
  return <Link to={`/customers/${customerId}`}>{name ? t('customer.fieldProblems.owner', { name, id: customerId }) : t('customer.number', { id: customerId })}</Link>;
}
