import type { AuditEvent } from '../../auth/index.js';
import { table } from '../format.js';
import { identityChangeText } from './identity-change-text.js';

type AuditPage = { items: AuditEvent[]; nextCursor: string | null };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function shortValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (Array.isArray(value)) return value.map(shortValue).join(',');
  if (isRecord(value)) return JSON.stringify(value);
  return String(value);
}

/**
 * An entry's detail on one line. An edit (`before` with `after`, or with
 * `changed` as a staff user's) reads as each field from → to; its `fields`,
 * the names of the same changes, would only repeat them.
 */
export function auditDetailText(detail: unknown): string {
  if (!isRecord(detail)) return detail === null || detail === undefined ? '' : shortValue(detail);
  const policy = policyChangeText(detail);
  if (policy !== null) return policy;
  const { before, after, changed, fields, addedIdentities, replacedIdentities, keptIdentities, ...rest } = detail;
  const changes = isRecord(after) ? after : isRecord(changed) ? changed : null;
  const parts = isRecord(before) && changes
    ? Object.entries(changes).map(([field, value]) => `${field}: ${shortValue(before[field])} → ${shortValue(value)}`)
    : Object.entries({ before, after, changed, fields }).filter(([, value]) => value !== undefined).map(([key, value]) => `${key}: ${shortValue(value)}`);
  const identities = identityChangeText({ addedIdentities, replacedIdentities, keptIdentities });
  // an update's count of added identities says less than the identities named; an older entry's 0 says nothing
  const others = Object.entries(rest).filter(([key, value]) => key !== 'identities' || (identities === null && !(changes && value === 0)));
  return [...parts, ...(identities ? [identities] : []), ...others.map(([key, value]) => `${key}: ${shortValue(value)}`)].join('; ');
}

/**
 * A type policy change, each threshold by the path `policy set` takes: "newWithinDays: 30 → 40; vip.topPercent: 5 → 10".
 * An entry recorded before the values before were kept (`{ change }`) shows the values asked for: "newWithinDays: → 40".
 */
function policyChangeText(detail: Record<string, unknown>): string | null {
  const keys = Object.keys(detail);
  if (keys.length !== 1) return null;
  if (keys[0] === 'thresholds' && isRecord(detail.thresholds)) {
    return Object.entries(detail.thresholds)
      .map(([path, change]) => (isRecord(change) ? `${path}: ${shortValue(change.from)} → ${shortValue(change.to)}` : `${path}: → ${shortValue(change)}`)).join('; ');
  }
  if (keys[0] !== 'change' || !isRecord(detail.change)) return null;
  const leaves = (node: unknown, path: string[]): string[] => (isRecord(node) ? Object.entries(node).flatMap(([key, value]) => leaves(value, [...path, key])) : [`${path.join('.')}: → ${shortValue(node)}`]);
  return leaves(detail.change, []).join('; ');
}

/** A page of the service as the API returns it: the cursor as text. */
export function auditPageOf(page: { items: AuditEvent[]; nextBefore: number | null }): AuditPage {
  return { items: page.items, nextCursor: page.nextBefore === null ? null : String(page.nextBefore) };
}

/** The log as a table, times on the store's clock; actors whole, staff emails included (the shell reads the store anyway). */
export function auditText(page: AuditPage): string {
  const rows = page.items.map((event) => ({
    time: event.occurredAt, actor: event.actor, action: event.action,
    entity: event.entityId === null ? event.entity : `${event.entity} ${event.entityId}`, detail: auditDetailText(event.detail),
  }));
  const shown = `${page.items.length} shown, newest first`;
  return `${table(rows)}\n${shown}${page.nextCursor ? `\nmore: add --cursor ${page.nextCursor}` : ''}`;
}
