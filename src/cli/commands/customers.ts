import type { Command } from 'commander';
import { customerTypesByPrecedence } from '../../analytics/customer-types.js';
import { AppError } from '../../core/errors.js';
import { consentKinds } from '../../customers/consent-kinds.js';
import type { CliRuntime } from '../runtime.js';
import { idOf, wholeNumberIn } from '../option-values.js';
import { withExamples } from '../examples.js';
import { shellQuoted } from '../format.js';
import { adviseOnRepeat, refuseRepeatedValues, type RepeatAdvice } from '../single-value-options.js';
import { registerCustomerIdentityCommands } from './customer-identities.js';
import { registerCustomerWriteCommands } from './customer-writes.js';
import { registerCustomerUnsuppressCommand } from './customer-unsuppress.js';

// Each command's work is loaded when it runs: listing needs neither the timeline (analytics, auth) nor merging (segments, personas).
const list = () => import('./customers-list-run.js');
const profile = () => import('./customer-profile-run.js');
const merges = () => import('./customer-merges-run.js');
const privacy = () => import('./customer-privacy-run.js');

/**
 * The customer list's sorts and what `recent` means, for the help. customers/customer-sorts.ts
 * defines them beside their SQL, which would load the query builder for every command's help;
 * the types make the compiler hold these copies equal to its own.
 */
const customerSorts: typeof import('../../customers/customer-sorts.js').customerSorts = ['recent', 'revenue', 'last_purchase', 'name'];
const recentSortMeaning: typeof import('../../customers/customer-sorts.js').recentSortMeaning = 'most recently added to Clientele first';

const parseCustomerId = idOf('a customer id');

/** A customer named by number, or by an email or phone they have: people search by what they know. */
export type CustomerOrContact = number | { kind: 'email' | 'phone'; value: string };

/** Digits with an optional leading + and the separators people write a number with. */
const phoneWriting = /^\+?[\d\s().-]*\d[\d\s().-]*$/;

/**
 * A customer named by what the agent has: an email; a phone number when it is written as one (a
 * leading + or 0, or spaces, dashes, dots or brackets between its digits), read as the lookup
 * reads it, in the store's country unless it has its code; else a bare number is the customer's id.
 * Customer ids never start with 0, and "085331415926" read as #85331415926 found no one.
 */
function parseCustomerOrContact(value: string): CustomerOrContact {
  const text = value.trim();
  if (text.includes('@')) return { kind: 'email', value: text };
  if (/^[1-9]\d*$/.test(text)) return parseCustomerId(text);
  if (phoneWriting.test(text)) return { kind: 'phone', value: text };
  throw new AppError('CLI_ARGUMENT_INVALID', `<customer> takes a customer id (a positive whole number), an email or a phone number, not "${text.slice(0, 40)}"; to find a customer by name, use clientele customers list -q "${text.slice(0, 40)}".`);
}

export type ListOptions = { query?: string; status?: string; channel?: string; city?: string; type?: string; segment?: string; consent?: string; minSpend?: string; sort?: string; limit: number; offset?: number; cursor?: string };

const nonNegativeInteger = (option: string) => (value: string) => {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new AppError('CLI_ARGUMENT_INVALID', `${option}: "${value.slice(0, 40)}" is not a whole number of 0 or more.`, { field: option });
  return number;
};

/** The segment filter field of a list filter that a segment can take several values of. */
const segmentFieldOf: Record<string, string> = { '--type': 'customer_types', '--city': 'city', '--segment': 'rfm_segment' };

/** A list filter given twice meant both values at once: the segment filter that says so. */
const combineInASegment: RepeatAdvice = (option, first, second) => {
  const field = segmentFieldOf[option];
  if (!field) return undefined;
  // a customer has several types but one city and one RFM segment
  const [whom, filter, either] = field === 'customer_types'
    ? ['who have both types', { and: [first, second].map((value) => ({ field, op: 'contains', value })) }, ' ("or" for either)']
    : ['with either value', { field, op: 'in', value: [first, second] }, ''];
  return `For customers ${whom}, preview a segment filter: clientele segments preview --filter ${shellQuoted(JSON.stringify(filter))}${either}; clientele segments create saves it.`;
};

export function registerCustomersCommand(program: Command, runtime: CliRuntime): void {
  const customers = program.command('customers').description('list, show, create, update, merge, export and delete customers, and remove their identities');

  withExamples(adviseOnRepeat(customers.command('list'), combineInASegment)
    .description(`list customers, ${recentSortMeaning}, with search and filters`), [
    ['clientele customers list --type at_risk', "with each customer's reason"],
    ['clientele customers list --status real --sort revenue --limit 20'],
    ['clientele customers list --min-spend 1.500.000 --city Bandung', 'who spent at least 1,500,000 in the store currency'],
    ['clientele customers list -q ana@example.com'],
    ['clientele customers list --type vip --consent email', 'the VIPs who may be emailed'],
  ])
    .option('-q, --query <text>', 'words of a name (each begins a word of it, any order, accents optional), an exact email or phone, the start of an email (3 characters or more), an external id (case, spaces, dashes, dots, slashes and underscores aside), an order id, or a customer number (a merged one finds whom it went to)')
    .option('--status <status>', 'real | lead')
    .option('--channel <channel>', 'store | web | mobile | marketplace | phone | other')
    .option('--city <city>')
    .option('--type <type>', `customer type from the last \`clientele analyze\` (${customerTypesByPrecedence.join(', ')}); alone, lists that type's customers by id with their reasons (--json: the same layout as any list)`)
    .option('--segment <name>', "RFM segment from the last analysis, e.g. Champions (a saved segment's members: clientele segments members <name>)")
    .option('--consent <kind>', `only customers who agreed to this: ${consentKinds.join(' | ')} (never asked counts as no, so the list is who may be contacted that way)`)
    .option('--min-spend <amount>', 'revenue at least this much, in the store currency, written as the import reads amounts (1500000, 1.500.000, 99,50)')
    .option('--sort <sort>', `${customerSorts.join(' | ')} (default: recent, ${recentSortMeaning})`)
    .option('--limit <n>', 'rows per page (1 to 500)', wholeNumberIn(1, 500, '--limit 50'), 20)
    .option('--offset <n>', 'with --type alone, as text: skip this many customers (any other list continues with --cursor)', nonNegativeInteger('--offset'))
    .option('--cursor <cursor>', 'continue after a previous page')
    .action(async (options: ListOptions) => (await list()).runCustomersList(runtime, options));

  withExamples(customers.command('show')
    .description("a customer's profile, identities, purchase facts, type with its reason, RFM segment, prediction and recent timeline")
    .argument('<customer>', 'customer id, or an email or phone number the customer has (a number starting with 0 or written with spaces or dashes is a phone, read in the store\'s country unless it has its +country code)', parseCustomerOrContact), [
    ['clientele customers show 1042'],
    ['clientele customers show ana@example.com'],
    ['clientele customers show +6281234567890 --json'],
    ['clientele customers show "0812 3456 7890"', "a phone number of the store's country"],
  ])
    .action(async (customer: CustomerOrContact) => (await profile()).runCustomersShow(runtime, customer));

  registerCustomerWriteCommands(customers, runtime);
  registerCustomerIdentityCommands(customers, runtime);

  withExamples(customers.command('merge')
    .description('merge the second customer into the first (recorded in the audit log; undo with `customers unmerge`)')
    .argument('<keepCustomerId>', 'customer to keep', parseCustomerId)
    .argument('<mergedCustomerId>', 'customer merged into it (its own number; the merge gets a merge id of its own)', parseCustomerId), [
    ['clientele customers merge 1042 2077', '2077\'s orders, identities and events move to 1042'],
    ['clientele customers unmerge 15', 'merge 15 undone: 2077 comes back with what it brought'],
  ])
    .action(async (keepId: number, otherId: number) => (await merges()).runCustomersMerge(runtime, keepId, otherId));

  withExamples(customers.command('unmerge')
    .description('undo a merge')
    .argument('<mergeId>', 'merge id printed by `customers merge` (not a customer id: `customers show` lists a customer\'s merges)', idOf('a merge id')), [
    ['clientele customers show 1042', 'lists the merges into customer 1042, with their ids'],
    ['clientele customers unmerge 15', 'merge 15 undone: the merged customer comes back with what it brought'],
  ])
    .action(async (mergeId: number) => (await merges()).runCustomersUnmerge(runtime, mergeId));

  withExamples(customers.command('export')
    .description('everything held about a customer as one JSON document, for a subject access request: profile, identities, consents, orders with lines, interest events, timeline, types, prediction, RFM, persona, segments, merges and audit entries (recorded in the audit log)')
    .argument('<customerId>', 'customer id', parseCustomerId)
    .option('--out <file>', 'write the document to this file (readable by you alone) rather than to stdout'), [
    ['clientele customers export 1042 --out customer-1042.json'],
    ['clientele customers export 1042 --json', 'on stdout'],
  ])
    .action(async (customerId: number, options: { out?: string }) => (await privacy()).runCustomersExport(runtime, customerId, options));

  withExamples(customers.command('delete')
    .description('erase a customer and every customer merged into them, for good: profile, identities, consents, orders, interest events and all derived from them (recorded in the audit log with counts only; refused without --yes; docs/privacy.md)')
    .argument('<customerId>', 'customer id', parseCustomerId)
    .option('--yes', 'erase them: without it, nothing is deleted and the command says what would be')
    .option('--no-suppression', 'keep no suppression entry: a feed still holding them may make them contactable again (only when the person asked for that too)'), [
    ['clientele customers export 1042 --out customer-1042.json', 'a copy of what is held about them, first'],
    ['clientele customers delete 1042 --yes', 'customer 1042 erased; merge and audit records keep the id, with personal values [erased]; their email and phone stay as suppression digests'],
  ])
    .action(async (customerId: number, options: { yes?: boolean; suppression?: boolean }) => (await privacy()).runCustomersDelete(runtime, customerId, options));

  registerCustomerUnsuppressCommand(customers, runtime);

  // last, so the options of the write and identity commands are watched too
  refuseRepeatedValues(customers);
}
