import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { recordAudit } from '../auth/audit.js';
import { getStoreSettings, updateStoreSettings, type StoreSettings } from './index.js';
import { readFixedSettings, setupSettings, type FixedSettings, type SetupSetting } from './fixed-settings.repo.js';
import type { StoreSettingsChange } from './settings.schemas.js';

export type StoreSettingsChangeResult = StoreSettings & {
  fixed: FixedSettings;
  /** What changed, from and to; empty when every value was already the store's. */
  changed: Partial<Record<'name' | SetupSetting, { from: string; to: string }>>;
  /** Exchange rates removed by a currency change: they were into the old currency. */
  ratesCleared: string[];
};

const storedKeyOf = { name: 'name', currency: 'currency', timeZone: 'timezone', defaultCountry: 'default_country' } as const;
const labelOf: Record<SetupSetting, string> = { currency: 'currency', timeZone: 'time zone', defaultCountry: 'phone country' };
const variableOf: Record<SetupSetting, string> = { currency: 'CLIENTELE_CURRENCY', timeZone: 'CLIENTELE_TIMEZONE', defaultCountry: 'CLIENTELE_DEFAULT_COUNTRY' };
const optionOf: Record<SetupSetting, string> = { currency: '--currency', timeZone: '--time-zone', defaultCountry: '--country' };

/**
 * Renames the store and changes its currency, time zone and phone country while nothing stored
 * was computed or read in them (readFixedSettings says what fixes each), in one transaction with
 * its audit entry. A currency change removes the exchange rates, which were into the old currency.
 * A value equal to the store's is no change, so repeating a request is harmless.
 */
export async function changeStoreSettings(db: Kysely<Database>, change: StoreSettingsChange, actor: string): Promise<StoreSettingsChangeResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      // Writers of what fixes a setting wait until this commits, so none slips in between the check
      // and the change; one under way now makes the change wait for nothing: it is refused (NOWAIT).
      await sql`lock table customer_order, interest_event, customer, customer_identity, product, segment in share mode nowait`.execute(trx);
      const before = await getStoreSettings(trx);
      const wanted = { ...change, ...(change.timeZone ? { timeZone: await zoneAsPostgresSpellsIt(trx, change.timeZone) } : {}) };
      const changed: StoreSettingsChangeResult['changed'] = {};
      for (const key of ['name', ...setupSettings] as const) {
        const to = wanted[key];
        if (to !== undefined && to !== before[key]) changed[key] = { from: before[key], to };
      }
      const fixed = await readFixedSettings(trx, before);
      const refused = setupSettings.filter((key) => changed[key] && fixed[key]);
      if (refused.length > 0) throw fixedError(refused, fixed, wanted);

      const ratesCleared = changed.currency ? (await trx.deleteFrom('currency_rate').returning('currency').execute()).map((row) => row.currency.trim()).sort() : [];
      const writes = Object.fromEntries(Object.entries(changed).map(([key, value]) => [storedKeyOf[key as keyof typeof storedKeyOf], value.to]));
      const after = Object.keys(writes).length > 0 ? await updateStoreSettings(trx, writes) : before;
      if (Object.keys(changed).length > 0) {
        await recordAudit(trx, {
          actor, action: 'settings.update', entity: 'store', entityId: Object.keys(changed).join(','),
          detail: { ...changed, ...(ratesCleared.length > 0 ? { ratesCleared } : {}) },
        });
      }
      return { ...after, fixed: await readFixedSettings(trx, after), changed, ratesCleared };
    });
  } catch (error) {
    // 55P03: a writer holds one of the tables (an import or an API batch committing)
    if ((error as { code?: string }).code === '55P03') {
      throw new AppError('SETTINGS_STORE_BUSY_CONFLICT', 'The store is being written to (an import or an ingest batch); change its settings again in a moment.');
    }
    throw error;
  }
}

/** PostgreSQL cuts the calendar days: the zone must be one it knows, stored as it spells it (europe/riga → Europe/Riga). */
async function zoneAsPostgresSpellsIt(db: Kysely<Database>, timeZone: string): Promise<string> {
  const known = await sql<{ name: string }>`select name from pg_timezone_names where lower(name) = lower(${timeZone}) order by name = ${timeZone} desc, name limit 1`.execute(db);
  if (known.rows[0]) return known.rows[0].name;
  throw new AppError('SETTINGS_TIME_ZONE_UNKNOWN', `"${timeZone}" is not a time zone this database knows. Use an IANA name such as Europe/Riga, Asia/Jakarta or UTC.`, { field: 'timeZone' });
}

function fixedError(refused: SetupSetting[], fixed: FixedSettings, wanted: Partial<Record<SetupSetting, string>>): AppError {
  const reasons = refused.map((key) => `The ${labelOf[key]} cannot change: ${fixed[key]!.message}.`);
  const codes = new Set(refused.map((key) => fixed[key]!.code));
  const settingsMade = refused.map((key) => `${variableOf[key]}=${wanted[key]}`).join(' ');
  const options = refused.map((key) => `${optionOf[key]} ${wanted[key]}`).join(' ');
  const remedy = codes.has('import_running') ? 'Try again once the import has finished.'
    : codes.has('money_segments') && codes.size === 1 ? 'Delete those segments or remove their amount conditions first, then change the currency.'
      : `To use ${refused.length === 1 ? 'it' : 'them'}, start a new store (another --db directory or database) set up with ${settingsMade}, or with \`clientele settings set ${options}\` before its first import, and import your files there.`;
  const first = refused[0];
  return new AppError('SETTINGS_FIXED_CONFLICT', `${reasons.join(' ')} ${remedy}`, { field: first, reason: fixed[first]!.code });
}
