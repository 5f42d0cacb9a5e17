import type { Command } from 'commander';
import { apiKeyScopes } from '../../auth/permissions.js';
import type { CliRuntime } from '../runtime.js';
import { idOf } from '../option-values.js';
import { withExamples } from '../examples.js';

/** The commands' work, loaded when one of them runs: it needs the store and the auth domain. */
const run = () => import('./api-keys-run.js');

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerApiKeysCommand(program: Command, runtime: CliRuntime): void {
  const apiKeys = program.command('api-keys').description('keys for machine clients: `Authorization: Bearer <key>`');

  withExamples(apiKeys.command('list')
    .description('all keys (never their secrets), with the scopes in effect: a key acts for its creator, so a demoted or disabled creator suspends some or all')
    .option('--active', 'leave out revoked keys'), [
    ['clientele api-keys list --active', 'the keys still in use, with their ids for `api-keys revoke`'],
  ])
    .action(async (options: { active?: boolean }) => (await run()).runApiKeysList(runtime, options));

  withExamples(apiKeys.command('create')
    .description('create a key; it is printed once and cannot be shown again')
    .requiredOption('--name <name>', 'who uses it, e.g. shop-feed')
    .option('--scope <scope>', `${apiKeyScopes.join(' | ')} (repeatable)`, collect, []), [
    ['clientele api-keys create --name shop-feed --scope ingest', 'for a shop that sends its orders'],
    ['clientele api-keys create --name bi-tool --scope read'],
  ])
    .action(async (options: { name: string; scope: string[] }) => (await run()).runApiKeysCreate(runtime, options));

  withExamples(apiKeys.command('revoke')
    .description('refuse a key from now on')
    .argument('<id>', 'the key id from `api-keys list`', idOf('a key id')), [
    ['clientele api-keys revoke 3', 'key #3 is refused from its next request'],
  ])
    .action(async (id: number) => (await run()).runApiKeysRevoke(runtime, id));
}
