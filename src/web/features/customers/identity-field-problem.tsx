import type { CustomerDetail } from '../../api/types.js';
import { useApiData } from '../../api/use-api-data.js';
import { useI18n, type I18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { useSession } from '../auth/session-context.js';
import { customerLabel } from './customer-label.js';
import type { FieldProblem } from './profile-field-checks.js';

/** `customerId`: the customer whose field this is. */
type IdentityFieldProblemProps = { id: string; customerId: number; problem: FieldProblem; onMergeWith?: (customerId: number) => void };

/**
 * What is wrong with an email or phone, under the field (the field's aria-describedby points here).
 * One that another customer has names and links them, and offers the merge when the reader may
 * merge (customers:merge); a reader who may not is told whom to ask, with both customers' numbers.
 */
export function IdentityFieldProblem({ id, customerId, problem, onMergeWith }: IdentityFieldProblemProps) {
  const { t } = useI18n();
  const { can } = useSession();
  if (problem.kind !== 'taken') {
    return <p id={id} className="inline-error field-help" role="alert">{t(`customer.fieldProblems.${problem.field}${problem.kind === 'invalid' ? 'Invalid' : 'Refused'}`)}</p>;
  }
  const { belongsTo } = problem;
  const canMerge = can('customers:merge');
  return (
    <div id={id} className="inline-error field-help identity-taken" role="alert">
      <p>
        {t(`customer.fieldProblems.${problem.field}Taken`)}{' '}
        {belongsTo === null ? null : <OwnerLink customerId={belongsTo} />}
      </p>
      <p>{canMerge ? t('customer.fieldProblems.takenHint') : askMergeText(belongsTo, customerId, t)}</p>
      {belongsTo !== null && onMergeWith && canMerge ? (
        <button type="button" className="button-secondary" onClick={() => onMergeWith(belongsTo)}>{t('customer.fieldProblems.openMerge', { id: belongsTo })}</button>
      ) : null}
    </div>
  );
}

/** Who may merge, and which two: an owner or administrator is given the numbers their merge panel asks for. */
function askMergeText(otherId: number | null, customerId: number, t: I18n['t']): string {
  if (otherId === null) return t('customer.fieldProblems.takenAskMergeUnnamed');
  return t('customer.fieldProblems.takenAskMerge', { customer: customerId, other: otherId });
}

/** The other customer by name once loaded, by number until then (or when they cannot be read). */
export function OwnerLink({ customerId }: { customerId: number }) {
  const { t } = useI18n();
  const owner = useApiData<CustomerDetail>(`/api/customers/${customerId}`);
  const name = owner.data ? customerLabel(owner.data.customer, t) : null;
  return <Link to={`/customers/${customerId}`}>{name ? t('customer.fieldProblems.owner', { name, id: customerId }) : t('customer.number', { id: customerId })}</Link>;
}
