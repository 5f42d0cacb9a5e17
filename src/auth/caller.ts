import type { StaffRole } from '../db/schema.js';
import { permissionsByRole, type Permission } from './permissions.js';

/**
 * Who is asking a users/keys service to act, in the terms its rules need.
 * Built from the HTTP principal by the routes and from the shell by the CLI.
 */
export type Caller = {
  /** Written to the audit log. */
  actor: string;
  /** The role whose limits apply; an admin-scoped API key acts as an admin (its scopes are already cut to its creator's role). */
  role: StaffRole;
  /**
   * Null for API keys and the CLI. The shell has no "self" to protect from lock-out; a key's is the
   * staff member who created it, whom the services look up (`ruleCallerOf`, acting-user.ts).
   */
  userId: number | null;
  /** The key making the call, if any: keys it creates act for the same staff member it does. */
  apiKeyId: number | null;
  permissions: ReadonlySet<Permission>;
};

export function userActor(userId: number, email: string): string {
  return `user:${userId}:${email}`;
}

export function apiKeyActor(apiKeyId: number, name: string): string {
  return `api-key:${apiKeyId}:${name}`;
}

/** Whoever has a shell on the server can read the database anyway, so the CLI acts with the owner's rights. */
export function shellCaller(actor: string): Caller {
  return { actor, role: 'owner', userId: null, apiKeyId: null, permissions: permissionsByRole.owner };
}
