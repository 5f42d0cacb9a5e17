import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { idOf, wholeNumberIn } from '../option-values.js';
import { withExamples } from '../examples.js';

/** The commands' work, loaded when one of them runs: it needs the store, the personas domain and its clustering. */
const run = () => import('./personas-run.js');

const parsePersonaId = idOf('a persona id');
const parseCustomerId = idOf('a customer id');
/** A variadic positional's parser is given the values parsed so far. */
const collectCustomerIds = (value: string, previous: number[] | undefined) => [...(previous ?? []), parseCustomerId(value)];

export function registerPersonasCommand(program: Command, runtime: CliRuntime): void {
  const personas = program.command('personas').description('buyer personas: discover, name, pin, and compare over time');

  withExamples(personas.command('discover')
    .description('cluster buyers into personas (k chosen by silhouette over 2..8 unless --k); pinned personas are kept')
    .option('--k <n>', 'number of personas (2 to 12)', wholeNumberIn(2, 12, '--k 4'))
    .option('--sample <n>', 'customers to fit on (100 to 200,000)', wholeNumberIn(100, 200_000, '--sample 50000'), 50_000)
    .option('--seed <n>', 'random seed (0 to 4,294,967,295)', wholeNumberIn(0, 4_294_967_295, '--seed 2'), 1)
    .option('--retire-segment-personas', 'discover even when saved segments name personas it would retire (refused otherwise, listing them)'), [
    ['clientele personas discover', 'k chosen by silhouette'],
    ['clientele personas discover --k 5 --seed 2'],
    ['clientele personas discover --k 4 --retire-segment-personas', 'segments naming a retired persona then match no one by it'],
  ])
    .action(async (options: { k?: number; sample: number; seed: number; retireSegmentPersonas?: boolean }) => (await run()).runPersonasDiscover(runtime, options));

  withExamples(personas.command('list')
    .description('current personas, largest first'), [
    ['clientele personas list', 'before the first discovery: what to run and whether it can'],
  ])
    .action(async () => (await run()).runPersonasList(runtime));

  withExamples(personas.command('show')
    .description("a persona's profile")
    .argument('<personaId>', 'persona id', parsePersonaId), [
    ['clientele personas show 3', 'age, income, cities, channels, categories, types and traits'],
  ])
    .action(async (personaId: number) => (await run()).runPersonasShow(runtime, personaId));

  withExamples(personas.command('rename')
    .description('give a persona a name (and optionally a description)')
    .argument('<personaId>', 'persona id', parsePersonaId)
    .argument('<name>', 'the name people will use for it')
    .option('--description <text>', 'who they are, in a sentence'), [
    ['clientele personas rename 3 "Weekend families" --description "Saturday visits, larger baskets"'],
  ])
    .action(async (personaId: number, name: string, options: { description?: string }) => (await run()).runPersonasRename(runtime, personaId, name, options));

  withExamples(personas.command('pin')
    .description('keep a persona (name and centroid) across rediscovery; --unpin releases it')
    .argument('<personaId>', 'persona id', parsePersonaId)
    .option('--unpin', 'release the persona: the next discovery may replace it'), [
    ['clientele personas pin 3', 'kept, with its name, by the next discovery'],
    ['clientele personas pin 3 --unpin'],
  ])
    .action(async (personaId: number, options: { unpin?: boolean }) => (await run()).runPersonasPin(runtime, personaId, options));

  withExamples(personas.command('assign')
    .description('place customers (or everyone) at their nearest current persona')
    .argument('[customerIds...]', 'customer ids; everyone when omitted', collectCustomerIds), [
    ['clientele personas assign', 'everyone who agreed to profiling'],
    ['clientele personas assign 12 57', 'says why a customer was not assigned'],
  ])
    .action(async (ids: number[] | undefined) => (await run()).runPersonasAssign(runtime, ids ?? []));

  withExamples(personas.command('drift')
    .description('what moved in a group between two periods (customers with a purchase in each period)')
    .requiredOption('--before <from..to>', 'earlier period, e.g. 2025-01-01..2026-01-01 (end exclusive)')
    .requiredOption('--after <from..to>', 'later period')
    .option('--persona <id>', 'a persona', parsePersonaId)
    .option('--segment <idOrName>', 'a saved segment')
    .option('--filter <json|@file>', 'a filter'), [
    ['clientele personas drift --persona 3 --before 2025-01-01..2025-07-01 --after 2025-07-01..2026-01-01'],
    ['clientele personas drift --segment VIPs --before 2025-01-01..2026-01-01 --after 2026-01-01..2026-12-01'],
  ])
    .action(async (options: { before: string; after: string; persona?: number; segment?: string; filter?: string }) => (await run()).runPersonasDrift(runtime, options));
}
