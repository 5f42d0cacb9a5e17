import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { idOf } from '../option-values.js';
import { withExamples } from '../examples.js';

/** The command's work, loaded when it runs: it needs the store and the customers domain. */
const run = () => import('./customer-identities-run.js');

/** `customers identities remove`: the API's DELETE /api/customers/{id}/identities (same service, same audit entry), by the shell's user. */
export function registerCustomerIdentityCommands(customers: Command, runtime: CliRuntime): void {
  const identities = customers.command('identities').description("remove a wrongly entered or outdated email, phone or external id from a customer (add one with `customers update --identity`)");
  withExamples(identities.command('remove')
    .description("remove an identity, so searches and imports no longer find the customer by it (recorded in the audit log); an email or phone that is also the profile's clears that field")
    .argument('<customerId>', 'customer id', idOf('a customer id'))
    .argument('<kind>', 'email, phone, or the namespace of an external id (e.g. loyalty_card)')
    .argument('<value>', 'written as on add: a phone without a country code is read in the customer\'s country'), [
    ['clientele customers identities remove 1042 phone "+1 212 555 0199"'],
    ['clientele customers identities remove 1042 loyalty_card LC-1473 --json'],
  ])
    .action(async (customerId: number, kind: string, value: string) => (await run()).runCustomerIdentityRemove(runtime, customerId, kind, value));
}
