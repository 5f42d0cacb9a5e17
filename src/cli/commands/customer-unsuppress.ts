import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { withExamples } from '../examples.js';

/** The command's work, loaded when it runs: it needs the store and the customers domain. */
const run = () => import('./customer-privacy-run.js');

/**
 * `customers unsuppress`, the API's POST /api/customers/erasure-suppression/remove: the entry an
 * erased person's email or phone left (`customers delete` keeps one unless --no-suppression). docs/privacy.md.
 */
export function registerCustomerUnsuppressCommand(customers: Command, runtime: CliRuntime): void {
  withExamples(customers.command('unsuppress')
    .description("remove the suppression entry an erased person's email or phone left, so a feed's yes applies to them again (recorded in the audit log; docs/privacy.md)")
    .argument('<contact>', "the email, or the phone (a local number is read in the store's country)"), [
    ['clientele customers unsuppress ana@example.com', 'Ana asked to hear from the shop again'],
    ['clientele customers unsuppress "+62 812 3456 7890"'],
  ])
    .action(async (contact: string) => (await run()).runCustomersUnsuppress(runtime, contact));
}
