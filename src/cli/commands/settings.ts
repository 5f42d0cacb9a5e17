import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { withExamples } from '../examples.js';

/** The commands' work, loaded when one of them runs: it needs the store and the settings' checks. */
const run = () => import('./settings-run.js');

export type SetOptions = { name?: string; currency?: string; timeZone?: string; country?: string };

export function registerSettingsCommand(program: Command, runtime: CliRuntime): void {
  const settings = program.command('settings').description("the store's name, currency, time zone and phone country");

  withExamples(settings.command('show')
    .description('the store settings, and whether the currency, time zone and phone country can still change'), [
    ['clientele settings show', 'and what fixes each setting that can no longer change'],
  ])
    .action(async () => (await run()).runSettingsShow(runtime));

  withExamples(settings.command('set')
    .description('rename the store, or change its currency, time zone or phone country while nothing stored depends on them (recorded in the audit log)')
    .option('--name <name>', 'the store name staff see')
    .option('--currency <code>', 'ISO 4217 code, e.g. EUR: every amount is stored in it (fixed once the store holds orders)')
    .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Riga: purchase days are counted in it (fixed once the store holds orders or interest events)')
    .option('--country <code>', 'ISO 3166 code, e.g. LV: numbers written without a country code are read as that country’s (fixed once the store holds phone numbers)'), [
    ['clientele --db ./riga settings set --currency EUR --time-zone Europe/Riga --country LV', 'a new store, before its first import'],
    ['clientele settings set --name "Kopi Kita"'],
    ['clientele settings show'],
  ])
    .addHelpText('after', '\nA new store takes CLIENTELE_CURRENCY, CLIENTELE_TIMEZONE and CLIENTELE_DEFAULT_COUNTRY (default IDR, Asia/Jakarta, ID).'
      + '\nA currency change removes the exchange rates, which were into the old currency.')
    .action(async (options: SetOptions) => (await run()).runSettingsSet(runtime, options));
}
