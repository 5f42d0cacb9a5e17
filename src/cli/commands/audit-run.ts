import { DateTime } from 'luxon';
import { listAuditEvents } from '../../auth/index.js';
import { auditIdOfCursor } from '../../auth/audit.js';
import { auditQuery } from '../../auth/auth.schemas.js';
import { AppError } from '../../core/errors.js';
import { startOfDay } from '../../reports/period.js';
import type { CliRuntime } from '../runtime.js';
import { optionIssueMessage } from '../option-issue.js';
import { auditPageOf, auditText } from './audit-output.js';
import type { AuditOptions } from './audit.js';

/** The filters checked by the API's own query schema (GET /api/audit), so both refuse the same values. */
function auditQueryOf(options: AuditOptions, timeZone: string) {
  const since = options.since === undefined ? undefined : sinceInstant(options.since, timeZone).toISOString();
  const parsed = auditQuery.safeParse({ actor: options.actor, action: options.action, entity: options.entity, entityId: options.entityId, limit: options.limit, cursor: options.cursor, since });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const option = `--${String(issue.path[0] ?? '').replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    const value = { actor: options.actor, action: options.action, entity: options.entity, entityId: options.entityId, cursor: options.cursor }[String(issue.path[0] ?? '')];
    throw new AppError('CLI_ARGUMENT_INVALID', optionIssueMessage(option, issue, typeof value === 'string' ? value : undefined), { field: option });
  }
  const { cursor, ...filters } = parsed.data;
  return { ...filters, before: cursor ? auditIdOfCursor(cursor) : null };
}

/** A day starts at midnight on the store's clock, as reports count days; a time without an offset is read on that clock too. */
function sinceInstant(text: string, timeZone: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? startOfDay(text, timeZone) : DateTime.fromISO(text, { zone: timeZone }).toJSDate();
}

export async function runAudit(runtime: CliRuntime, options: AuditOptions): Promise<void> {
  const page = await runtime.withStore(async ({ db, runtime: { settings } }) => auditPageOf(await listAuditEvents(db, auditQueryOf(options, settings.timeZone))));
  runtime.print(page, auditText);
}
