import { AppError } from '../../core/errors.js';
import { getStoreSettings } from '../../settings/index.js';
import { changeStoreSettings, type StoreSettingsChangeResult } from '../../settings/change-settings.service.js';
import { readFixedSettings, setupSettings, type FixedSettings, type SetupSetting } from '../../settings/fixed-settings.repo.js';
import { storeSettingsChangeSchema } from '../../settings/settings.schemas.js';
import type { CliRuntime } from '../runtime.js';
import { keyValues } from '../format.js';
import { optionIssueMessage } from '../option-issue.js';
import { clienteleCommand } from '../store-command.js';
import type { SetOptions } from './settings.js';

const optionOfField: Record<string, string> = { name: '--name', currency: '--currency', timeZone: '--time-zone', defaultCountry: '--country' };
const exampleOfField: Record<string, string> = { name: '--name "Kopi Kita"' };
const labelOf: Record<SetupSetting | 'name', string> = { name: 'name', currency: 'currency', timeZone: 'time zone', defaultCountry: 'phone country' };

/** The options checked by the same schema as the API's PATCH /api/settings body, before the store is opened. */
function changeOf(options: SetOptions) {
  const parsed = storeSettingsChangeSchema.safeParse({ name: options.name, currency: options.currency, timeZone: options.timeZone, defaultCountry: options.country });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? '');
  if (!field) throw new AppError('CLI_ARGUMENT_INVALID', 'Give at least one of --name, --currency, --time-zone, --country.');
  const option = optionOfField[field]!;
  const value = { name: options.name, currency: options.currency, timeZone: options.timeZone, defaultCountry: options.country }[field];
  throw new AppError('CLI_ARGUMENT_INVALID', optionIssueMessage(option, issue, value, exampleOfField[field]), { field: option });
}

function currencyName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'currency', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Two example values of each setting: the example shows the first one the store does not already have, so it is never a change to nothing. */
const exampleValues: Record<SetupSetting, [string, string]> = { currency: ['EUR', 'USD'], timeZone: ['Europe/Riga', 'Asia/Jakarta'], defaultCountry: ['LV', 'ID'] };

/** Which settings can still change and how, and why the others cannot. */
function changeability(current: Record<SetupSetting, string>, fixed: FixedSettings): string {
  const free = setupSettings.filter((key) => !fixed[key]);
  const lines = setupSettings.flatMap((key) => (fixed[key] ? [`The ${labelOf[key]} is fixed: ${fixed[key]!.message}.`] : []));
  if (free.length > 0) {
    const example = (key: SetupSetting) => `${optionOfField[key]} ${exampleValues[key].find((value) => value.toLowerCase() !== current[key].toLowerCase())}`;
    lines.push(`The ${listOf(free.map((key) => labelOf[key]))} can change while nothing stored depends on ${free.length === 1 ? 'it' : 'them'}, e.g. \`${clienteleCommand(`settings set ${free.map(example).join(' ')}`)}\`.`);
  }
  // a new store's command: not this store's --db
  if (free.length < setupSettings.length) lines.push('For other settings, start a new store with CLIENTELE_CURRENCY, CLIENTELE_TIMEZONE and CLIENTELE_DEFAULT_COUNTRY set (or `clientele settings set` before its first import).');
  return lines.join('\n');
}

function listOf(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function changeText(result: StoreSettingsChangeResult): string {
  const changes = Object.entries(result.changed).map(([key, change]) => `${labelOf[key as SetupSetting | 'name']} ${change!.from} → ${change!.to}`);
  if (changes.length === 0) return `Nothing to change: the store already has currency ${result.currency}, time zone ${result.timeZone}, phone country ${result.defaultCountry}.`;
  const lines = [`Store settings changed: ${changes.join(', ')}.`];
  if (result.ratesCleared.length > 0) lines.push(ratesClearedText(result.ratesCleared, result.changed.currency!));
  return lines.join('\n');
}

/** The exchange rates a currency change removed (they were into the old currency), and how to set them again: after `settings set` or a demo load. */
export function ratesClearedText(rates: readonly string[], currency: { from: string; to: string }): string {
  return `Exchange rates removed (they were into ${currency.from}): ${rates.join(', ')}. Set them again into ${currency.to} with \`${clienteleCommand('rates set <currency> <rate>')}\`.`;
}

export async function runSettingsShow(runtime: CliRuntime): Promise<void> {
  const result = await runtime.withStore(async ({ db, store }) => {
    const current = await getStoreSettings(db);
    return { ...current, store: store.kind, fixed: await readFixedSettings(db, current) };
  });
  runtime.print(result, (r: typeof result) => [
    keyValues({
      name: r.name, currency: `${r.currency} (${currencyName(r.currency)})`, time_zone: r.timeZone, phone_country: `${r.defaultCountry} (for numbers written without a country code)`,
      data: r.isSynthetic ? 'synthetic demo data' : r.dataAsOf ? `public data set ${r.demoDataset ?? ''}, as of ${r.dataAsOf}` : 'your own', store: r.store,
    }),
    '', changeability(r, r.fixed),
  ].join('\n'));
}

export async function runSettingsSet(runtime: CliRuntime, options: SetOptions): Promise<void> {
  const change = changeOf(options);
  const result = await runtime.withStore(({ db, actor }) => changeStoreSettings(db, change, actor));
  runtime.print(result, changeText);
}
