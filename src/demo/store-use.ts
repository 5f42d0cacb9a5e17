import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { getStoreSettings } from '../settings/index.js';
import { findUnfinishedDemoLoad, isUnfinishedSyntheticLoad } from './unfinished-load.js';

/**
 * Why a store counts as used, in words that finish "The store is used: …", or null when nobody has
 * used it and a demo may go into it without asking anyone. A store is unused while it holds no
 * customer, has no import run, still has the settings it was created with (no name, not marked as
 * demo data or as of a day) and its audit log has entries by the system only (`system`, `system:…`;
 * `anonymous` failed sign-ins change nothing). A person's or an API key's entry (`user:…`, `cli:…`,
 * `api-key:…`: a `settings set`, a sign-in, a staff user created) makes it used, even where nothing
 * else shows it: a store renamed "Kopi Senja" by `settings set`, then started, took the demo's name.
 * The synthetic demo's own unfinished load (marked synthetic, not yet marked loaded) is not use:
 * finishing it is what the load was for (loadSyntheticDemo continues it). A public data set's
 * unfinished load is use (nobody asked for a synthetic demo over it), named as such.
 */
export async function findStoreUse(db: Kysely<Database>): Promise<string | null> {
  const settings = await getStoreSettings(db);
  if (isUnfinishedSyntheticLoad(settings)) return null;
  const unfinished = findUnfinishedDemoLoad(settings);
  if (unfinished !== null) return `it holds part of the ${unfinished} data set, whose load was interrupted`;
  if (settings.demoDataset !== null) return `it holds the ${settings.demoDataset} demo`;
  if (await db.selectFrom('customer').select('customer_id').limit(1).executeTakeFirst()) return 'it holds customers';
  if (await db.selectFrom('import_run').select('import_id').limit(1).executeTakeFirst()) return 'it has imports (`clientele imports` lists them)';
  if (settings.name !== '') return `its settings were written (it is named "${settings.name}")`;
  if (settings.dataAsOf !== null) return `its settings were written (its data is as of ${settings.dataAsOf})`;
  const entry = await db.selectFrom('audit_event').select(['actor', 'action'])
    .where('actor', 'not in', ['system', 'anonymous']).where('actor', 'not like', 'system:%')
    .orderBy('audit_id').limit(1).executeTakeFirst();
  if (entry) return `its audit log has entries by people or API keys (the first: ${entry.action} by ${entry.actor})`;
  return null;
}

/**
 * Whether `serve` loads the synthetic demo. Unasked (`demo` undefined), only into an unused embedded
 * store: the first `npm start` on a new directory. Never unasked into a server store (DATABASE_URL,
 * `--db postgres://…`), which is where production data lives: an empty one is migrated, not filled.
 * Asked (`serve --demo`), into any unused store; into one that already holds the synthetic demo it
 * has nothing to do; into any other used store it is refused, before the server starts.
 */
export async function shouldLoadDemoAtStart(db: Kysely<Database>, options: { storeKind: 'embedded' | 'server'; demo: boolean | undefined }): Promise<boolean> {
  if (options.demo === false) return false;
  const use = await findStoreUse(db);
  if (options.demo === undefined) return options.storeKind === 'embedded' && use === null;
  if (use === null) return true;
  if ((await getStoreSettings(db)).demoDataset === 'synthetic') return false;
  throw new AppError('DEMO_STORE_USED_CONFLICT', `--demo loads the demo only into a store nobody has used, and this one is used: ${use}. `
    + 'Start without --demo to serve it as it is, or give the demo a new store: `clientele --db ./demo-store serve --demo` (or a new, empty database).', { field: '--demo' });
}
