import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { listAuditEvents } from '../../auth/index.js';
import { auditIdOfCursor } from '../../auth/audit.js';
import { auditQuery } from '../../auth/auth.schemas.js';
import { AppError } from '../../core/errors.js';
import { startOfDay } from '../../reports/period.js';
import type { CliRuntime } from '../runtime.js';
import { wholeNumberIn } from '../option-values.js';
import { withExamples } from '../examples.js';
import { dayOrInstantOption } from './date-options.js';
import { auditPageOf, auditText } from './audit-output.js';

type AuditOptions = { actor?: string; action?: string; entity?: string; entityId?: string; since?: string; limit: number; cursor?: string };

/** The filters checked by the API's own query schema (GET /api/audit), so both refuse the same values. */
function auditQueryOf(options: AuditOptions, timeZone: string) {
  const since = options.since === undefined ? undefined : sinceInstant(options.since, timeZone).toISOString();
  const parsed = auditQuery.safeParse({ actor: options.actor, action: options.action, entity: options.entity, entityId: options.entityId, limit: options.limit, cursor: options.cursor, since });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = `--${String(issue.path[0] ?? '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    throw new AppError('CLI_ARGUMENT_INVALID', `${option}: ${issue.message}.`, { field: option });
  }
  const { cursor, ...filters } = parsed.data;
  return { ...filters, before: cursor ? auditIdOfCursor(cursor) : null };
}

/** A day starts at midnight on the store's clock, as reports count days; a time without an offset is read on that clock too. */
function sinceInstant(text: string, timeZone: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? startOfDay(text, timeZone) : DateTime.fromISO(text, { zone: timeZone }).toJSDate();
}

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
    .action(async (options: AuditOptions) => {
      const page = await runtime.withStore(async ({ db, runtime: { settings } }) => auditPageOf(await listAuditEvents(db, auditQueryOf(options, settings.timeZone))));
      runtime.print(page, auditText);
    });
}
