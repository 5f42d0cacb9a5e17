/** What the API keys list says of a key's scopes (GET /api/api-keys). */
export type KeyScopes = { scopes: string[]; scopesInEffect?: string[]; revokedAt: string | null; creator?: { isDisabled: boolean } | null };

/**
 * The granted scopes a key may not use because its creator's role no longer
 * grants them. None for a revoked key, or one whose creator is disabled: such a
 * key is refused whole, not scope by scope.
 */
export function suspendedScopesOf(apiKey: KeyScopes): string[] {
  if (apiKey.revokedAt || apiKey.creator?.isDisabled || !apiKey.scopesInEffect) return [];
  const inEffect = apiKey.scopesInEffect;
  return apiKey.scopes.filter((scope) => !inEffect.includes(scope));
}
