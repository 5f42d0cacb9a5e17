import type { Command } from 'commander';
import { recordAudit } from '../../auth/index.js';
import { AppError } from '../../core/errors.js';
import { getCustomer } from '../../customers/customers.queries.js';
import { createCustomer, updateCustomer } from '../../customers/customers.service.js';
import type { CliRuntime } from '../runtime.js';
import { idOf } from '../option-values.js';
import { withExamples } from '../examples.js';
import { auditDetailText } from './audit-output.js';
import { customerBodyOf, type CustomerOptions } from './customer-options.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/** The profile options both commands take; on update a blank value ('') clears the field. */
function withProfileOptions(command: Command): Command {
  return command
    .option('--name <name>')
    .option('--email <email>', 'also an identity: refused when another customer has it')
    .option('--phone <phone>', "also an identity; without a country code, the store's phone country is assumed")
    .option('--kind <kind>', 'person | organization')
    .option('--birth-year <year>')
    .option('--gender <gender>')
    .option('--city <city>')
    .option('--region <region>')
    .option('--country <code>', 'ISO 3166-1 alpha-2, e.g. ID or LV')
    .option('--income-band <band>')
    .option('--consent-email <answer>', 'yes | no | unknown')
    .option('--consent-sms <answer>', 'yes | no | unknown')
    .option('--consent-profiling <answer>', 'yes | no | unknown')
    .option('--identity <kind:value>', 'email:…, phone:… or an external id as <namespace>:<id>, e.g. loyalty_card:LC-1473 (repeatable)', collect, []);
}

const identitiesText = (identities: Array<{ kind: string; namespace: string | null; value: string }>) =>
  identities.map((identity) => `${identity.kind === 'external' ? identity.namespace : identity.kind} ${identity.value}`).join(', ') || '(none)';

/** `customers create` and `customers update`: the API's service calls and audit entries (POST and PATCH /api/customers), by the shell's user. */
export function registerCustomerWriteCommands(customers: Command, runtime: CliRuntime): void {
  withExamples(withProfileOptions(customers.command('create')
    .description('add a customer by hand (recorded in the audit log); refused when an email, phone or identity is already a customer\'s')), [
    ['clientele customers create --name "Ana Wijaya" --email ana@example.com --city Bandung --consent-email yes'],
    ['clientele customers create --kind organization --name "PT Maju Jaya" --identity npwp:01.234.567.8-901.000'],
  ])
    .action(async (options: CustomerOptions) => {
      const { identities, ...fields } = customerBodyOf(options);
      const created = await runtime.withStore(async ({ db, actor }) => {
        const customerId = await createCustomer(db, fields, identities);
        await recordAudit(db, { actor, action: 'customer.create', entity: 'customer', entityId: String(customerId), detail: { fields: Object.keys(fields) } });
        return getCustomer(db, customerId);
      });
      runtime.print(created, (result: typeof created) =>
        `Created customer #${result.customer.customer_id}${result.customer.name ? ` (${result.customer.name})` : ''}; identities: ${identitiesText(result.identities)}.`);
    });

  withExamples(withProfileOptions(customers.command('update')
    .description('change profile fields, consent or add identities (recorded in the audit log with the values before and after); a blank value clears a field')
    .argument('<customerId>', 'customer id', idOf('a customer id'))), [
    ['clientele customers update 1042 --city Jakarta --phone ""', 'moved; the phone number is cleared'],
    ['clientele customers update 1042 --consent-sms no --identity loyalty_card:LC-1473'],
  ])
    .action(async (customerId: number, options: CustomerOptions) => {
      const { identities, ...fields } = customerBodyOf(options);
      if (Object.keys(fields).length === 0 && !identities) throw new AppError('CLI_ARGUMENT_INVALID', 'Give a field to change (e.g. --city Jakarta, or --city "" to clear it) or an --identity to add.');
      const updated = await runtime.withStore(async ({ db, actor }) => {
        const change = await updateCustomer(db, customerId, fields, identities);
        const detail = { fields: Object.keys(change.after), ...change, identities: identities?.length ?? 0 };
        await recordAudit(db, { actor, action: 'customer.update', entity: 'customer', entityId: String(customerId), detail });
        return { change, ...(await getCustomer(db, customerId)) };
      });
      runtime.print(updated, (result: typeof updated) => {
        const changed = Object.keys(result.change.after).length > 0 ? auditDetailText(result.change) : 'no field changed';
        const identityLine = identities && identities.length > 0 ? `\nidentities: ${identitiesText(result.identities)}` : '';
        return `Customer #${customerId}: ${changed}.${identityLine}`;
      });
    });
}
