import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { recordAudit } from '../auth/audit.js';
import { getStoreSettings } from '../settings/index.js';
import { normaliseIdentity } from './customers.service.js';
import { deleteSuppression } from './erasure-suppression.repo.js';
import { getCountryCallingCode, isSupportedCountry } from 'libphonenumber-js';

/**
 * Removes the suppression entry of one email or phone (read as an import reads it: a local phone in the
 * store's country), so that a person erased before may be made contactable again by a feed (they asked
 * for it). Audited as `erasure-suppression.remove` with the kind only: the value is theirs.
 */
export async function removeErasureSuppression(
  db: Kysely<Database>, identity: { kind: 'email' | 'phone'; value: string }, options: { actor?: string } = {},
): Promise<{ kind: 'email' | 'phone'; removed: true }> {
  return db.transaction().execute(async (trx) => {
    const { defaultCountry } = await getStoreSettings(trx);
    const ref = normaliseIdentity(identity, defaultCountry, 'value');
    const removed = await deleteSuppression(trx, identity.kind, ref.value);
    if (!removed) {
      throw new AppError('ERASURE_SUPPRESSION_NOT_FOUND', `No erased person's ${identity.kind} matches this one: there is no suppression entry to remove. `
        + (identity.kind === 'phone' ? `A local number is read in the store's country (${defaultCountry}${callingCodeText(defaultCountry)}); give it in international form, with + and its country code, if it is another country's.` : ''), { field: 'value' });
    }
    if (options.actor) {
      await recordAudit(trx, { actor: options.actor, action: 'erasure-suppression.remove', entity: 'erasure_suppression', detail: { kind: identity.kind } });
    }
    return { kind: identity.kind, removed: true as const };
  });
}

/** ", +371" for LV: the prefix the store's local numbers are read with, said beside the country. */
function callingCodeText(country: string): string {
  return isSupportedCountry(country) ? `, +${getCountryCallingCode(country)}` : '';
}

