import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { wholeNumberIn } from '../option-values.js';
import { withExamples } from '../examples.js';
import { dayOrInstantOption } from './date-options.js';

/** The command's work, loaded when it runs: it needs the store and the auth domain. */
const run = () => import('./audit-run.js');

export type AuditOptions = { actor?: string; action?: string; entity?: string; entityId?: string; since?: string; limit: number; cursor?: string };

export function registerAuditCommand(program: Command, runtime: CliRuntime): void {
  withExamples(program.command('audit')
    .description('the audit log, newest first: who changed what (staff by email, API keys by name, the command line by login), as GET /api/audit')
    .option('--actor <who>', 'a staff email, user:<id>, api-key:<id>, an API key name or a command-line login')
    .option('--action <action>', 'e.g. customer.update, customer.merge, api-key.create, user.update')
    .option('--entity <entity>', 'what was changed: customer, staff_user, api_key, segment, store…')
    .option('--entity-id <id>', 'its id; for a customer, merges of others into them and their undos too')
    .option('--since <day-or-time>', "from this day (midnight on the store's clock) or time on, e.g. 2026-03-01", dayOrInstantOption('--since'))
    .option('--limit <n>', 'entries per page (1 to 200)', wholeNumberIn(1, 200, '--limit 50'), 50)
    .option('--cursor <cursor>', 'continue after a previous page (printed under it)'), [
    ['clientele audit --entity customer --entity-id 1042', 'every change to customer 1042, merges included'],
    ['clientele audit --actor sari@example.com --since 2026-03-01', 'what Sari did since March'],
    ['clientele audit --actor shop-feed --action api-key.create'],
  ])
    .action(async (options: AuditOptions) => (await run()).runAudit(runtime, options));
}
