import type { Command } from 'commander';
import { apiKeyScopes, createApiKey, listApiKeys, revokeApiKey, shellCaller, type ApiKey } from '../../auth/index.js';
import { AppError } from '../../core/errors.js';
import type { CliRuntime } from '../runtime.js';
import { keyValues, table } from '../format.js';
import { idOf } from '../option-values.js';
import { withExamples } from '../examples.js';

const collect = (value: string, previous: string[]) => [...previous, value];

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

const apiKeyRow = (key: ApiKey) => ({
  id: key.apiKeyId, name: key.name, prefix: `clt_${key.prefix}_…`, scopes: key.scopes.join(','), 'in effect': scopesInEffectText(key), creator: creatorText(key),
  created: key.createdAt, 'last used': key.lastUsedAt ?? '', revoked: key.revokedAt ?? '',
});

export function registerApiKeysCommand(program: Command, runtime: CliRuntime): void {
  const apiKeys = program.command('api-keys').description('keys for machine clients: `Authorization: Bearer <key>`');

  apiKeys.command('list')
    .description('all keys (never their secrets), with the scopes in effect: a key acts for its creator, so a demoted or disabled creator suspends some or all')
    .option('--active', 'leave out revoked keys')
    .action(async (options: { active?: boolean }) => {
      const list = await runtime.withStore(({ db }) => listApiKeys(db, { includeRevoked: !options.active }));
      runtime.print(list, (rows: ApiKey[]) => table(rows.map(apiKeyRow)));
    });

  withExamples(apiKeys.command('create')
    .description('create a key; it is printed once and cannot be shown again')
    .requiredOption('--name <name>', 'who uses it, e.g. shop-feed')
    .option('--scope <scope>', `${apiKeyScopes.join(' | ')} (repeatable)`, collect, []), [
    ['clientele api-keys create --name shop-feed --scope ingest', 'for a shop that sends its orders'],
    ['clientele api-keys create --name bi-tool --scope read'],
  ])
    .action(async (options: { name: string; scope: string[] }) => {
      if (options.scope.length === 0) throw new AppError('CLI_ARGUMENT_INVALID', `Give at least one --scope: ${apiKeyScopes.join(', ')}.`, { field: 'scope' });
      const created = await runtime.withStore(({ db, actor, clock }) => createApiKey(db, shellCaller(actor), { name: options.name, scopes: options.scope }, clock.now()));
      runtime.print(created, (result: typeof created) => `${keyValues(apiKeyRow(result.apiKey))}\n\nKey (shown once; store it now): ${result.key}`);
    });

  apiKeys.command('revoke')
    .description('refuse a key from now on')
    .argument('<id>', 'the key id from `api-keys list`', idOf('a key id'))
    .action(async (id: number) => {
      const revoked = await runtime.withStore(({ db, actor, clock }) => revokeApiKey(db, shellCaller(actor), id, clock.now()));
      runtime.print(revoked, (result: ApiKey) => `Key ${result.apiKeyId} (${result.name}) is revoked.`);
    });
}
