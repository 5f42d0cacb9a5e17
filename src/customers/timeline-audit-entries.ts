import { sql, type RawBuilder } from 'kysely';
import { actorForDisplay } from '../auth/index.js';

/** Timeline kinds read from the audit log: a profile edit (`customer.update`) and an identity removed (`customer.identity.remove`). */
export const auditTimelineKinds = ['profile_change', 'identity_removal'] as const;
type AuditTimelineKind = (typeof auditTimelineKinds)[number];

/**
 * A customer's profile edits and identity removals as timeline rows (at, kind, id, title,
 * detail), from the audit log: the entry's own detail with who made it (`by`). Found through
 * audit_event_entity_idx (entity, entity_id), then filtered by action. An update that changed no
 * profile field (only added identities, or sent the values already there) is no edit to show.
 * The title is written on read (auditEntryShown), once `by` is shown as the caller may see it.
 */
export function auditEntries(customerId: number): RawBuilder<unknown> {
  return sql`
    select a.occurred_at as at, case a.action when 'customer.update' then 'profile_change' else 'identity_removal' end as kind, a.audit_id as id,
      '' as title, a.detail || jsonb_build_object('by', a.actor) as detail
    from audit_event a
    where a.entity = 'customer' and a.entity_id = ${String(customerId)}::text
      and (a.action = 'customer.identity.remove'
        or (a.action = 'customer.update' and jsonb_typeof(a.detail->'fields') = 'array' and a.detail->'fields' <> '[]'::jsonb))`;
}

type Entry = { kind: string; title: string; detail: Record<string, unknown> };

export const isAuditEntry = (entry: Entry) => (auditTimelineKinds as readonly string[]).includes(entry.kind);

/** The entry with its actor shown without a staff email unless the caller may read them (see actorForDisplay), and its English title. */
export function auditEntryShown<T extends Entry>(entry: T, options: { canReadStaffEmails?: boolean }): T {
  const by = actorForDisplay(String(entry.detail.by ?? ''), options);
  const detail = { ...entry.detail, by };
  return { ...entry, detail, title: `${titleOf(entry.kind as AuditTimelineKind, detail)} by ${by}` };
}

const shown = (value: unknown) => (value === null || value === undefined || value === '' ? '(empty)' : String(value));

function titleOf(kind: AuditTimelineKind, detail: Record<string, unknown>): string {
  if (kind === 'identity_removal') {
    const what = detail.kind === 'external' ? `${shown(detail.namespace)} id` : String(detail.kind);
    return `${what} ${shown(detail.value)} removed${typeof detail.clearedField === 'string' ? `, ${detail.clearedField} field cleared` : ''}`;
  }
  const fields = detail.fields as string[];
  const before = (detail.before ?? null) as Record<string, unknown> | null;
  const after = (detail.after ?? null) as Record<string, unknown> | null;
  // entries written before the audit kept values name the fields only
  if (!before || !after) return `profile edited (${fields.join(', ')})`;
  // in `fields` order, the profile's: jsonb keeps an object's keys in an order of its own
  return fields.map((field) => `${field} changed from ${shown(before[field])} to ${shown(after[field])}`).join('; ');
}
