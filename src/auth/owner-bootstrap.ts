import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { recordAudit } from './audit.js';
import { passwordCommon, passwordWeak, userEmailInvalid } from './auth.errors.js';
import { isCommonPassword } from './common-passwords.js';
import { generateOneTimePassword, hashPassword, passwordProblem } from './passwords.js';
import { isPlausibleEmail, normalizeEmail, staffEmailInvisibleCharacter } from './staff-user.js';
import { countStaffUsers, insertStaffUser } from './users.repo.js';

export type OwnerBootstrap = { created: true; email: string; password: string; isOneTimePassword: boolean } | { created: false };

/**
 * A fresh store gets one owner so someone can sign in. With a configured
 * password (CLIENTELE_OWNER_PASSWORD) that is used as is; otherwise a one-time
 * password is generated for the server to print, and must be changed at first
 * sign-in. Once any staff user exists this does nothing.
 */
export async function ensureOwner(db: Kysely<Database>, input: { email: string; password?: string | null }): Promise<OwnerBootstrap> {
  if ((await countStaffUsers(db)) > 0) return { created: false };
  const { email, password, isOneTimePassword } = await ownerOf(input);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    // Two servers starting at once: the unique email makes the second insert a no-op.
    // No name rather than an English word: the web shows the email until the owner gives one.
    const row = await insertStaffUser(trx, { email, name: '', role: 'owner', passwordHash, mustChangePassword: isOneTimePassword });
    if (!row) return { created: false } as const;
    await recordAudit(trx, { actor: 'system', action: 'user.create', entity: 'staff_user', entityId: String(row.user_id), detail: { email, role: 'owner', bootstrap: true } });
    return { created: true, email, password, isOneTimePassword } as const;
  });
}

/**
 * Refuses the first owner's settings as ensureOwner would, creating no one: a start checks them
 * before its long work (loading the demo store), so a bad CLIENTELE_OWNER_EMAIL or a common
 * CLIENTELE_OWNER_PASSWORD is said at once, not after a load that then leaves a store without an owner.
 */
export async function checkOwnerSettings(db: Kysely<Database>, input: { email: string; password?: string | null }): Promise<void> {
  if ((await countStaffUsers(db)) > 0) return;
  await ownerOf(input);
}

/** The first owner's normalised email and password (a one-time one when none is configured), or the refusal of either. */
async function ownerOf(input: { email: string; password?: string | null }): Promise<{ email: string; password: string; isOneTimePassword: boolean }> {
  const email = normalizeEmail(input.email);
  const invisible = staffEmailInvisibleCharacter(email);
  if (invisible) throw userEmailInvalid(input.email, `CLIENTELE_OWNER_EMAIL: ${invisible}`);
  if (!isPlausibleEmail(email)) {
    throw userEmailInvalid(input.email, `CLIENTELE_OWNER_EMAIL "${input.email}" is not an email address: set it to the first owner's address, such as owner@example.com, or leave it unset for owner@clientele.local.`);
  }
  const isOneTimePassword = !input.password;
  const password = input.password || generateOneTimePassword();
  const weakness = passwordProblem(password, email);
  if (weakness) throw passwordWeak(`CLIENTELE_OWNER_PASSWORD is too weak: ${weakness}`, 'CLIENTELE_OWNER_PASSWORD');
  // Refused, not accepted with a forced change: until the owner first signed in, a fresh server
  // reachable from the network would let anyone in with a guess. Only a first start checks.
  if (!isOneTimePassword && (await isCommonPassword(password))) throw passwordCommon('CLIENTELE_OWNER_PASSWORD', 'CLIENTELE_OWNER_PASSWORD');
  return { email, password, isOneTimePassword };
}
