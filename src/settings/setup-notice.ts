import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { getStoreSettings, type StoreSettings } from './index.js';
import { shellWord, storeShown } from '../core/shell-words.js';
import { readFixedSettings, setupSettings, type FixedReasonCode, type FixedSettings, type SetupSetting } from './fixed-settings.repo.js';

/** Where the reader changes the settings: a `clientele` command (with the --db it ran with), or the web app of a running server. */
export type NoticeSurface = { kind: 'cli'; dbOption: string | null } | { kind: 'server' };

const variableOf: Record<SetupSetting, string> = { currency: 'CLIENTELE_CURRENCY', timeZone: 'CLIENTELE_TIMEZONE', defaultCountry: 'CLIENTELE_DEFAULT_COUNTRY' };
const labelOf: Record<SetupSetting, string> = { currency: 'currency', timeZone: 'time zone', defaultCountry: 'phone country' };
const optionOf: Record<SetupSetting, string> = { currency: '--currency', timeZone: '--time-zone', defaultCountry: '--country' };
const placeholderOf: Record<SetupSetting, string> = { currency: '<code>', timeZone: '<zone>', defaultCountry: '<code>' };
const heldBy: Record<FixedReasonCode, string> = {
  orders: 'orders', phone_numbers: 'phone numbers', product_prices: 'product prices', money_segments: 'segments with amounts',
  recorded_times: 'interest events or customer times', import_running: 'an import under way',
};

/** Whether the environment names a currency, time zone or phone country, which only a new store takes. */
export function namesSetupSettings(env: NodeJS.ProcessEnv): boolean {
  return setupSettings.some((key) => env[variableOf[key]] !== undefined);
}

/**
 * What a store was set up with, said where a store is created (the first `serve`, `import`,
 * `demo load`… into a new directory or database), and a variable that a store already set up no
 * longer follows: a store in the wrong currency rejects every order in the right one
 * ("No exchange rate from EUR to the store currency IDR"), and its days are cut in the wrong zone.
 * Lines for a person; none when there is nothing to say.
 */
export async function storeSetupNotice(
  db: Kysely<Database>, options: { isNewStore: boolean; env: NodeJS.ProcessEnv; surface: NoticeSurface; createdWith?: Pick<StoreSettings, SetupSetting> },
): Promise<string[]> {
  const ignored = options.isNewStore ? [] : await ignoredVariables(db, options.env);
  if (!options.isNewStore && ignored.length === 0) return [];
  const settings = await getStoreSettings(db);
  const fixed = await readFixedSettings(db, settings);
  if (options.isNewStore) return [newStoreLine(settings, fixed, options.env, options.surface, options.createdWith)];
  return [ignoredLine(settings, fixed, ignored, options.surface)];
}

function newStoreLine(settings: StoreSettings, fixed: FixedSettings, env: NodeJS.ProcessEnv, surface: NoticeSurface, createdWith?: Pick<StoreSettings, SetupSetting>): string {
  // `settings set` on a new directory creates the store with the defaults and then changes them: its values are its own, not the defaults
  const changedByCommand = createdWith !== undefined && setupSettings.some((key) => createdWith[key] !== settings[key]);
  const source = settings.isSynthetic || settings.demoDataset ? ' (the demo data’s own)'
    : changedByCommand ? ' (as this command set them)' : namesSetupSettings(env) ? '' : ' (the defaults)';
  const values = `currency ${settings.currency}, time zone ${settings.timeZone}, phone country ${settings.defaultCountry}${source}`;
  const held = setupSettings.filter((key) => fixed[key]);
  const free = setupSettings.filter((key) => !fixed[key]);
  const parts: string[] = [];
  if (held.length > 0) {
    const reasons = [...new Set(held.map((key) => heldBy[fixed[key]!.code]))];
    parts.push(`${held.length === 3 ? 'all three' : listOf(held.map((key) => labelOf[key]))} fixed now that the store holds ${listOf(reasons)}`
      + ` (for others, start a new store with ${listOf(held.map((key) => variableOf[key]))} set${surface.kind === 'server' ? ' and without the demo: `clientele --db ./my-store serve --no-demo`' : ''})`);
  }
  if (free.length > 0) {
    const how = surface.kind === 'cli'
      ? `\`${settingsCommand(surface.dbOption)} ${free.map((key) => `${optionOf[key]} ${placeholderOf[key]}`).join(' ')}\``
      : 'Settings › Store in the web app';
    parts.push(`change ${free.length === 3 ? 'them' : `the ${listOf(free.map((key) => labelOf[key]))}`} with ${how} ${beforeWhatFixes(free)}`
      + (held.length === 0 ? `, or set ${listOf(free.map((key) => variableOf[key]))} before creating a store` : ''));
  }
  return `New store: ${values}; ${parts.join('; ')}.`;
}

type IgnoredVariable = { key: SetupSetting; value: string };

async function ignoredVariables(db: Kysely<Database>, env: NodeJS.ProcessEnv): Promise<IgnoredVariable[]> {
  if (!namesSetupSettings(env)) return [];
  const settings = await getStoreSettings(db);
  return setupSettings.flatMap((key) => {
    const value = env[variableOf[key]]?.trim();
    return value !== undefined && value.toLowerCase() !== settings[key].toLowerCase() ? [{ key, value }] : [];
  });
}

function ignoredLine(settings: StoreSettings, fixed: FixedSettings, ignored: IgnoredVariable[], surface: NoticeSurface): string {
  const variables = listOf(ignored.map(({ key, value }) => `${variableOf[key]}=${value}`));
  const stored = listOf(ignored.map(({ key }) => `${labelOf[key]} ${settings[key]}`));
  const held = ignored.filter(({ key }) => fixed[key]);
  const free = ignored.filter(({ key }) => !fixed[key]);
  const parts: string[] = [];
  if (free.length > 0) {
    parts.push(surface.kind === 'cli'
      ? `change ${free.length === 1 ? 'it' : 'them'} with \`${settingsCommand(surface.dbOption)} ${free.map(({ key, value }) => `${optionOf[key]} ${value}`).join(' ')}\` ${beforeWhatFixes(free.map(({ key }) => key))}`
      : `change ${free.length === 1 ? 'it' : 'them'} in Settings › Store ${beforeWhatFixes(free.map(({ key }) => key))}`);
  }
  if (held.length > 0) parts.push(`the ${listOf(held.map(({ key }) => labelOf[key]))} ${held.length === 1 ? 'is' : 'are'} fixed now that the store holds ${listOf([...new Set(held.map(({ key }) => heldBy[fixed[key]!.code]))])}`);
  return `${variables} ${ignored.length === 1 ? 'is' : 'are'} not used: this store has ${stored} (the variables set up a new store only); ${parts.join('; ')}.`;
}

/** What the reader has to do it before: orders fix the currency and time zone, phone numbers the phone country. */
function beforeWhatFixes(keys: SetupSetting[]): string {
  return keys.some((key) => key !== 'defaultCountry') ? 'before importing orders' : 'before importing phone numbers';
}

/** Pasted as written: a folder with a space, or a postgres:// URL's `?` and `&`, stay one word to the shell. */
function settingsCommand(dbOption: string | null): string {
  return `clientele ${dbOption ? `--db ${shellWord(storeShown(dbOption))} ` : ''}settings set`;
}

function listOf(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
