import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { assignPersonas, compareGroupDrift, discoverPersonas, getPersona, listPersonas, pinPersona, renamePersona, type DriftGroup, type PersonaProfile } from '../../personas/index.js';
import type { CliRuntime } from '../runtime.js';
import { keyValues, table } from '../format.js';
import { readFilterOption } from './segments.js';
import { checkDayOrInstant } from './date-options.js';
import { idOf, wholeNumberIn } from '../option-values.js';
import { withExamples } from '../examples.js';
import { storeNow } from '../../settings/index.js';

const parsePersonaId = idOf('a persona id');
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const shares = (entries: Array<{ label: string; share: number }> | null | undefined) => (entries ?? []).map((entry) => `${entry.label} ${percent(entry.share)}`).join(', ');

function profileLines(profile: PersonaProfile): Record<string, unknown> {
  return {
    size: `${profile.size} (${percent(profile.share)} of buyers, ${percent(profile.revenueShare)} of revenue)`,
    age: profile.age.median === null ? 'unknown' : `median ${profile.age.median}, mean ${profile.age.mean?.toFixed(1)} (known for ${percent(profile.age.knownShare)})`,
    income: shares(profile.incomes), cities: shares(profile.topCities), channels: shares(profile.channels), categories: shares(profile.categories),
    customer_types: profile.customerTypes === null ? '(run clientele analyze)' : shares(profile.customerTypes),
    orders: profile.averageOrders.toFixed(1), revenue_minor: Math.round(profile.averageRevenueMinor),
    traits: profile.traits.map((trait) => `${trait.word} (${trait.difference > 0 ? '+' : ''}${trait.difference.toFixed(2)} sd)`).join(', '),
  };
}

export function registerPersonasCommand(program: Command, runtime: CliRuntime): void {
  const personas = program.command('personas').description('buyer personas: discover, name, pin, and compare over time');

  withExamples(personas.command('discover')
    .description('cluster buyers into personas (k chosen by silhouette over 2..8 unless --k); pinned personas are kept')
    .option('--k <n>', 'number of personas (2 to 12)', wholeNumberIn(2, 12, '--k 4'))
    .option('--sample <n>', 'customers to fit on (100 to 200,000)', wholeNumberIn(100, 200_000, '--sample 50000'), 50_000)
    .option('--seed <n>', 'random seed', (v) => Number(v), 1), [
    ['clientele personas discover', 'k chosen by silhouette'],
    ['clientele personas discover --k 5 --seed 2'],
  ])
    .action(async (options: { k?: number; sample: number; seed: number }) => {
      const result = await runtime.withStore(({ db, clock }) => discoverPersonas(db, { clock, k: options.k, sampleSize: options.sample, seed: options.seed }), { bulk: true });
      runtime.print(result, (r) => [
        `${r.k} personas (silhouette ${r.silhouette.toFixed(3)}) from a sample of ${r.sampleSize} of ${r.population} buyers in ${r.seconds.total.toFixed(1)} s`,
        `silhouette by k: ${r.candidates.map((c: { k: number; silhouette: number }) => `${c.k}: ${c.silhouette.toFixed(3)}`).join(', ')}`, '',
        table(r.personas.map((p: Record<string, any>) => ({ id: p.personaId, name: p.name, pinned: p.isPinned ? 'yes' : '', customers: p.profile.size, share: percent(p.profile.share), revenue: percent(p.profile.revenueShare) }))),
      ].join('\n'));
    });

  personas.command('list')
    .description('current personas, largest first')
    .action(async () => {
      const result = await runtime.withStore(({ db }) => listPersonas(db));
      runtime.print(result, (r) => table(r.personas.map((p: Record<string, any>) => ({
        id: p.personaId, name: p.name, pinned: p.isPinned ? 'yes' : '', customers: p.profile.size, share: percent(p.profile.share), revenue: percent(p.profile.revenueShare),
        age: p.profile.age.median, channels: shares(p.profile.channels.slice(0, 2)), categories: shares(p.profile.categories.slice(0, 2)),
      }))));
    });

  personas.command('show')
    .description("a persona's profile")
    .argument('<personaId>', 'persona id', parsePersonaId)
    .action(async (personaId: number) => {
      const persona = await runtime.withStore(({ db }) => getPersona(db, personaId));
      runtime.print(persona, (p) => keyValues({ id: p.personaId, name: p.name, generated_name: p.generatedName, description: p.description, pinned: p.isPinned, retired: p.isRetired, ...profileLines(p.profile) }));
    });

  withExamples(personas.command('rename')
    .description('give a persona a name (and optionally a description)')
    .argument('<personaId>', 'persona id', parsePersonaId)
    .argument('<name>')
    .option('--description <text>'), [
    ['clientele personas rename 3 "Weekend families" --description "Saturday visits, larger baskets"'],
  ])
    .action(async (personaId: number, name: string, options: { description?: string }) => {
      const persona = await runtime.withStore(({ db }) => renamePersona(db, personaId, { name, description: options.description }));
      runtime.print(persona, (p) => `Persona #${p.personaId} is now "${p.name}".`);
    });

  personas.command('pin')
    .description('keep a persona (name and centroid) across rediscovery; --unpin releases it')
    .argument('<personaId>', 'persona id', parsePersonaId)
    .option('--unpin')
    .action(async (personaId: number, options: { unpin?: boolean }) => {
      const persona = await runtime.withStore(({ db }) => pinPersona(db, personaId, !options.unpin));
      runtime.print(persona, (p) => `Persona #${p.personaId} "${p.name}" is ${p.isPinned ? 'pinned' : 'no longer pinned'}.`);
    });

  personas.command('assign')
    .description('place customers (or everyone) at their nearest current persona')
    .argument('[customerIds...]', 'customer ids; everyone when omitted')
    .action(async (ids: string[]) => {
      const result = await runtime.withStore(async ({ db, clock }) => assignPersonas(db, ids.length > 0 ? ids.map(idOf('a customer id')) : undefined, { asOf: await storeNow(db, clock) }), { bulk: true });
      runtime.print(result, (r) => `${r.assigned} customers assigned in ${r.seconds.toFixed(1)} s.`);
    });

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
    .action(async (options: { before: string; after: string; persona?: number; segment?: string; filter?: string }) => {
      const period = (option: string, text: string) => {
        const [from, to] = text.split('..');
        if (!from || !to) throw new AppError('CLI_ARGUMENT_INVALID', `${option}: "${text}" is not a period; use FROM..TO such as 2025-01-01..2026-01-01.`, { field: option });
        return { from: new Date(checkDayOrInstant(option, from)), to: new Date(checkDayOrInstant(option, to)) };
      };
      const group: DriftGroup = options.persona ? { kind: 'persona', personaId: options.persona }
        : options.segment ? { kind: 'segment', segment: /^\d+$/.test(options.segment) ? Number(options.segment) : options.segment }
          : options.filter ? { kind: 'filter', filter: readFilterOption(options.filter) } : { kind: 'all' };
      const before = period('--before', options.before);
      const after = period('--after', options.after);
      const report = await runtime.withStore(({ db }) => compareGroupDrift(db, { group, before, after }));
      runtime.print(report, (r) => [
        `${r.group}: ${r.before.customers} active before, ${r.after.customers} after`, '',
        table(r.attributes.map((a: Record<string, any>) => (a.kind === 'numeric'
          ? { attribute: a.attribute, before: a.before.mean?.toFixed(2), after: a.after.mean?.toFixed(2), effect: a.cohensD === null ? '' : `d = ${a.cohensD.toFixed(2)}`, magnitude: a.magnitude }
          : { attribute: a.attribute, before: shares(a.series.slice(0, 3).map((s: any) => ({ label: s.label, share: s.before }))), after: shares(a.series.slice(0, 3).map((s: any) => ({ label: s.label, share: s.after }))), effect: `V = ${a.cramersV?.toFixed(2) ?? '–'}, TVD = ${a.totalVariation.toFixed(2)}`, magnitude: a.magnitude }))),
        ...(r.personaShifts ? ['', 'personas (share of active customers):', table(r.personaShifts.map((s: Record<string, any>) => ({ persona: s.label, before: percent(s.beforeShare), after: percent(s.afterShare), change: s.change })))] : []),
      ].join('\n'));
    });
}
