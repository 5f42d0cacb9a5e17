import { createApiKey, listApiKeys, revokeApiKey, shellCaller, type ApiKey } from '../../auth/index.js';
import { apiKeyScopes } from '../../auth/permissions.js';
import { AppError } from '../../core/errors.js';
import type { CliRuntime } from '../runtime.js';
import { keyValues, table } from '../format.js';

type KeyAccess = Pick<ApiKey, 'scopes' | 'scopesInEffect' | 'createdBy' | 'creator'>;

/** Who made the key, with what makes its scopes smaller: a key acts for its creator, as their role is now. */
export function creatorText(key: KeyAccess): string {
  if (key.createdBy === null) return '(command line)';
  if (key.creator === null) return `user:${key.createdBy} (removed)`;
  return `${key.creator.email} (${key.creator.isDisabled ? 'disabled' : key.creator.role})`;
}

/** The granted scopes the key may use today, and those suspended until its creator's role allows them again. */
export function scopesInEffectText(key: KeyAccess): string {
  const suspended = key.scopes.filter((scope) => !key.scopesInEffect.includes(scope));
  if (suspended.length === 0) return key.scopesInEffect.join(',');
  return `${key.scopesInEffect.join(',') || 'none'} (suspended: ${suspended.join(',')})`;
}

/** The key that made this one (revoked with it), or empty when a person or the command line did. */
export function parentKeyText(key: Pick<ApiKey, 'createdByKey'>): string {
  return key.createdByKey ? `#${key.createdByKey.apiKeyId} (${key.createdByKey.name})` : '';
}

const apiKeyRow = (key: ApiKey) => ({
  id: key.apiKeyId, name: key.name, prefix: `clt_${key.prefix}_…`, scopes: key.scopes.join(','),
  // a revoked key uses none, and none are suspended: it is gone, not waiting for its creator's role
  'in effect': key.revokedAt ? 'none (revoked)' : scopesInEffectText(key), creator: creatorText(key), 'made by key': parentKeyText(key),
  created: key.createdAt, 'last used': key.lastUsedAt ?? '', revoked: key.revokedAt ?? '',
});

export async function runApiKeysList(runtime: CliRuntime, options: { active?: boolean }): Promise<void> {
  const list = await runtime.withStore(({ db }) => listApiKeys(db, { includeRevoked: !options.active }));
  runtime.print(list, (rows: ApiKey[]) => table(rows.map(apiKeyRow)));
}

export async function runApiKeysCreate(runtime: CliRuntime, options: { name: string; scope: string[] }): Promise<void> {
  if (options.scope.length === 0) throw new AppError('CLI_ARGUMENT_INVALID', `Give at least one --scope: ${apiKeyScopes.join(', ')}.`, { field: '--scope' });
  const created = await runtime.withStore(({ db, actor, clock }) => createApiKey(db, shellCaller(actor), { name: options.name, scopes: options.scope }, clock.now()));
  runtime.print(created, (result: typeof created) => `${keyValues(apiKeyRow(result.apiKey))}\n\nKey (shown once; store it now): ${result.key}`);
}

export async function runApiKeysRevoke(runtime: CliRuntime, id: number): Promise<void> {
  const { apiKey: revoked, revokedWith: keysMade } = await runtime.withStore(({ db, actor, clock }) => revokeApiKey(db, shellCaller(actor), id, clock.now()));
  // the keys it made went with it (a leaked key's copies must not outlive it): each is named, with the key that made it;
  // under --json the key as before, with them beside it
  runtime.print({ ...revoked, revokedWith: keysMade }, ({ revokedWith, ...apiKey }: ApiKey & { revokedWith: ApiKey[] }) => [
    `Key ${apiKey.apiKeyId} (${apiKey.name}) is revoked.`,
    ...(revokedWith.length === 0 ? [] : [
      `Revoked with it, as keys it made (or theirs): ${revokedWith.length}.`,
      table(revokedWith.map((key) => ({ id: key.apiKeyId, name: key.name, prefix: `clt_${key.prefix}_…`, 'made by key': parentKeyText(key) }))),
    ]),
  ].join('\n'));
}
