import { getCustomer } from '../../customers/customers.queries.js';
import type { IdentityInput } from '../../customers/customers.service.js';
import { removeIdentity } from '../../customers/remove-identity.service.js';
import type { CliRuntime } from '../runtime.js';
import { identitiesText } from './customer-writes-run.js';
import { identityName } from './identity-change-text.js';

export async function runCustomerIdentityRemove(runtime: CliRuntime, customerId: number, kind: string, value: string): Promise<void> {
  // as --identity reads its prefix: email and phone are kinds, anything else an external id's namespace
  const input: IdentityInput = kind === 'email' || kind === 'phone' ? { kind, value } : { kind: 'external', namespace: kind, value };
  const result = await runtime.withStore(async ({ db, actor }) => {
    const removed = await removeIdentity(db, customerId, input, actor);
    return { ...removed, customer: await getCustomer(db, customerId) };
  });
  runtime.print(result, (shown: typeof result) => {
    const cleared = shown.clearedField ? `; the profile's ${shown.clearedField} was cleared with it` : '';
    return `Removed ${identityName(shown.removed)} from customer #${customerId}${cleared}.\nidentities: ${identitiesText(shown.customer.identities)}`;
  });
}
