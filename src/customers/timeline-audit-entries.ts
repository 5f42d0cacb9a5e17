import { sql, type RawBuilder } from 'kysely';
import { actorForDisplay, type ActorShown } from '../auth/index.js';

/**
 * Timeline kinds read from the audit log: a profile edit (`customer.update`), identities added by an
 * update that changed no profile field (`customer.update` with `addedIdentities`), an identity removed
 * (`customer.identity.remove`) and the customer created by staff (`customer.create`).
 */
export const auditTimelineKinds = ['profile_change', 'identity_addition', 'identity_removal', 'customer_creation'] as const;
type AuditTimelineKind = (typeof auditTimelineKinds)[number];

/**
 * A customer's profile edits and identity removals as timeline rows (at, kind, id, title,
 * detail), from the audit log: the entry's own detail with who made it (`by`). Found through
 * audit_event_entity_idx (entity, entity_id), then filtered by action. An update that changed no
 * profile field shows the identities it added; one that changed nothing at all (it sent the values
 * already there) is nothing to show.
 * The title is written on read (auditEntryShown), once `by` is shown as the caller may see it.
 */
export function auditEntries(customerId: number): RawBuilder<unknown> {
  return sql`
    select a.occurred_at as at, case a.action when 'customer.identity.remove' then 'identity_removal' when 'customer.create' then 'customer_creation'
        when 'customer.update' then case when a.detail->'fields' = '[]'::jsonb then 'identity_addition' else 'profile_change' end end as kind,
      a.audit_id as id, '' as title, a.detail || jsonb_build_object('by', a.actor) as detail
    from audit_event a
    where a.entity = 'customer' and a.entity_id = ${String(customerId)}::text
      and (a.action in ('customer.identity.remove', 'customer.create')
        or (a.action = 'customer.update' and jsonb_typeof(a.detail->'fields') = 'array'
          and (a.detail->'fields' <> '[]'::jsonb or jsonb_typeof(a.detail->'addedIdentities') = 'array')))`;
}

type Entry = { kind: string; title: string; detail: Record<string, unknown> };

export const isAuditEntry = (entry: Entry) => (auditTimelineKinds as readonly string[]).includes(entry.kind);

/** The entry with its actor shown without a staff email unless the caller may read them (see actorForDisplay), and its English title. */
export function auditEntryShown<T extends Entry>(entry: T, options: ActorShown): T {
  const by = actorForDisplay(String(entry.detail.by ?? ''), options);
  const detail = { ...entry.detail, by };
  return { ...entry, detail, title: `${titleOf(entry.kind as AuditTimelineKind, detail)} by ${by}` };
}

const shown = (value: unknown) => (value === null || value === undefined || value === '' ? '(empty)' : String(value));

function titleOf(kind: AuditTimelineKind, detail: Record<string, unknown>): string {
  if (kind === 'customer_creation') return 'customer created';
  if (kind === 'identity_addition') {
    const added = Array.isArray(detail.addedIdentities) ? (detail.addedIdentities as Array<Record<string, unknown>>) : [];
    return `${added.map((identity) => `${identity.kind === 'external' ? `${shown(identity.namespace)} id` : String(identity.kind)} ${shown(identity.value)}`).join(', ')} added`;
  }
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
