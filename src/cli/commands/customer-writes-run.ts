import { AppError } from '../../core/errors.js';
import { getCustomer } from '../../customers/customers.queries.js';
import { createCustomer, updateCustomer } from '../../customers/customers.service.js';
import type { CliRuntime } from '../runtime.js';
import { auditDetailText } from './audit-output.js';
import { customerBodyOf, type CustomerOptions } from './customer-options.js';
import { identityChangeText, identityName } from './identity-change-text.js';

export const identitiesText = (identities: Array<{ kind: string; namespace: string | null; value: string }>) => identities.map(identityName).join(', ') || '(none)';

export async function runCustomersCreate(runtime: CliRuntime, options: CustomerOptions): Promise<void> {
  const { identities, ...fields } = customerBodyOf(options);
  const created = await runtime.withStore(async ({ db, actor }) => {
    // audited in the customer's own transaction, as over the API (createCustomer's actor)
    const customerId = await createCustomer(db, fields, identities, { actor });
    return getCustomer(db, customerId);
  });
  runtime.print(created, (result: typeof created) =>
    `Created customer #${result.customer.customer_id}${result.customer.name ? ` (${result.customer.name})` : ''}; identities: ${identitiesText(result.identities)}.`);
}

export async function runCustomersUpdate(runtime: CliRuntime, customerId: number, options: CustomerOptions): Promise<void> {
  const { identities, ...fields } = customerBodyOf(options);
  if (Object.keys(fields).length === 0 && !identities) throw new AppError('CLI_ARGUMENT_INVALID', 'Give a field to change (e.g. --city Jakarta, or --city "" to clear it) or an --identity to add.');
  const updated = await runtime.withStore(async ({ db, actor }) => {
    const update = await updateCustomer(db, customerId, fields, identities, { actor });
    return { change: update.change, identityChange: update.identityChange, ...(await getCustomer(db, customerId)) };
  });
  runtime.print(updated, (result: typeof updated) => {
    const changed = Object.keys(result.change.after).length > 0 ? auditDetailText(result.change) : 'no field changed';
    const { added, replaced, kept } = result.identityChange;
    const identityChange = identityChangeText({ addedIdentities: added, replacedIdentities: replaced, keptIdentities: kept });
    return `Customer #${customerId}: ${changed}.${identityChange ? `\n${identityChange}; now ${identitiesText(result.identities)}` : ''}`;
  });
}
