import { apiKeyScopes, canGrantScopes, type ApiKeyScope, type Permission } from '../../../auth/permissions.js';

/** Each scope, and whether someone holding `permissions` may put it on a key (nobody grants more than they hold). */
export function scopeChoices(permissions: readonly Permission[]): Array<{ scope: ApiKeyScope; isGrantable: boolean }> {
  const held = new Set(permissions);
  return apiKeyScopes.map((scope) => ({ scope, isGrantable: canGrantScopes(held, [scope]) }));
}
