import type { IngestEntity, Permission } from '../../api/types.js';

/**
 * Whether the import offers to send the file as the consent authority, whose yes replaces a
 * customer's refusal: a customers file (no other holds consents), and only to a role with the
 * consent:override permission (owners, admins: src/auth/permissions.ts), which the server asks for.
 */
export function offersConsentOverride(entity: IngestEntity, can: (permission: Permission) => boolean): boolean {
  return entity === 'customers' && can('consent:override');
}
