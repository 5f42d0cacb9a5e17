import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { idOf } from '../option-values.js';
import { withExamples } from '../examples.js';
import type { CustomerOptions } from './customer-options.js';

/** The commands' work, loaded when one of them runs: it needs the store, the customers domain and the API's schema. */
const run = () => import('./customer-writes-run.js');

const collect = (value: string, previous: string[]) => [...previous, value];

/** The profile options both commands take; on update a blank value ('') clears the field. */
function withProfileOptions(command: Command): Command {
  return command
    .option('--name <name>')
    .option('--email <email>', 'also an identity: refused when another customer has it')
    .option('--phone <phone>', "also an identity; without a country code, read in the customer's --country (on update, else their stored one), else the store's phone country")
    .option('--kind <kind>', 'person | organization')
    .option('--birth-year <year>')
    .option('--gender <gender>')
    .option('--city <city>')
    .option('--region <region>')
    .option('--country <code>', 'ISO 3166-1 alpha-2, e.g. ID or LV, or the name in English, Indonesian or Latvian (Latvija)')
    .option('--income-band <band>')
    .option('--consent-email <answer>', 'yes | no | unknown, or jā | nē, ya | tidak')
    .option('--consent-sms <answer>', 'yes | no | unknown, or jā | nē, ya | tidak')
    .option('--consent-whatsapp <answer>', 'yes | no | unknown, or jā | nē, ya | tidak')
    .option('--consent-profiling <answer>', 'yes | no | unknown, or jā | nē, ya | tidak')
    .option('--identity <kind:value>', 'email:…, phone:… or an external id as <namespace>:<id>, e.g. loyalty_card:LC-1473 (repeatable)', collect, []);
}

/** `customers create` and `customers update`: the API's service calls and audit entries (POST and PATCH /api/customers), by the shell's user. */
export function registerCustomerWriteCommands(customers: Command, runtime: CliRuntime): void {
  withExamples(withProfileOptions(customers.command('create')
    .description('add a customer by hand (recorded in the audit log); refused when an email, phone or identity is already a customer\'s')), [
    ['clientele customers create --name "Ana Wijaya" --email ana@example.com --city Bandung --consent-email yes'],
    ['clientele customers create --kind organization --name "PT Maju Jaya" --identity npwp:01.234.567.8-901.000'],
  ])
    .action(async (options: CustomerOptions) => (await run()).runCustomersCreate(runtime, options));

  withExamples(withProfileOptions(customers.command('update')
    .description('change profile fields, consent or add identities (recorded in the audit log with the values before and after); a blank value clears a field; a changed or cleared --email or --phone replaces the identity the old value was')
    .argument('<customerId>', 'customer id', idOf('a customer id'))), [
    ['clientele customers update 1042 --city Jakarta --phone ""', 'moved; the phone number is cleared'],
    ['clientele customers update 1042 --consent-sms no --identity loyalty_card:LC-1473'],
  ])
    .action(async (customerId: number, options: CustomerOptions) => (await run()).runCustomersUpdate(runtime, customerId, options));
}
