import type { AuditEvent } from '../../auth/index.js';
import { countNoun } from '../count-noun.js';
import { money, table } from '../format.js';
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

type PolicyUnit = 'days' | 'weeks' | 'months' | 'percent' | 'share' | 'times';

/**
 * The unit of each type-policy threshold that has one, as the settings page shows it
 * (`numericPolicyFields` in src/web/features/account/policy-fields.ts, web-only code the CLI's
 * build leaves out; audit-output-policy.test.ts holds the two alike). A share is kept as a fraction
 * (0.3) and shown as a percentage; a threshold not named here is a plain number.
 */
const policyUnitPaths: Record<PolicyUnit, string[]> = {
  days: ['newWithinDays', 'regular.frequentWithinDays', 'loyal.minTenureDays', 'vip.windowDays', 'lapsed.quietDays', 'lapsed.pAliveMinQuietDays', 'alerts.overdueLookbackDays'],
  weeks: ['alerts.weeksOfHistory'],
  months: ['loyal.periodMonths'],
  percent: ['vip.topPercent', 'alerts.minDropPercent'],
  share: ['regular.maxCoefficientOfVariation', 'regular.frequentMaxCoefficientOfVariation', 'lapsed.pAliveBelow', 'occasional.promotionDrivenShare'],
  times: ['atRisk.overdueFactor'],
};

export const policyUnitByPath = new Map(Object.entries(policyUnitPaths).flatMap(([unit, paths]) => paths.map((path) => [path, unit as PolicyUnit])));

const numberText = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 12 });

/** A threshold's value with its unit, as the settings show it: "180 days", "1 day", "2.5×", "10%", a share 0.3 as "30%". */
function thresholdValueText(path: string, value: unknown): string {
  const unit = policyUnitByPath.get(path);
  if (typeof value !== 'number' || !unit) return typeof value === 'number' ? numberText(value) : shortValue(value);
  if (unit === 'days' || unit === 'weeks' || unit === 'months') return countNoun(value, unit.slice(0, -1), unit);
  if (unit === 'times') return `${numberText(value)}×`;
  return `${numberText(unit === 'share' ? Number((value * 100).toPrecision(12)) : value)}%`;
}

/**
 * "from → to" of a threshold. The alerts' minimum expected is compared with every series in its own
 * unit, so it says which: orders and customers as counted, revenue in the currency's smallest unit,
 * shown as the store's money ("5 → 1,000 (orders or customers; revenue $0.05 → $10.00)").
 */
function thresholdChangeText(path: string, change: unknown, hasFrom: boolean): string {
  const { from, to } = hasFrom && isRecord(change) ? change : { from: undefined, to: change };
  const text = `${path}: ${hasFrom ? `${thresholdValueText(path, from)} ` : ''}→ ${thresholdValueText(path, to)}`;
  if (path !== 'alerts.minExpected') return text;
  const amount = (value: unknown) => (typeof value === 'number' ? money(value) : shortValue(value));
  return `${text} (orders or customers; revenue ${hasFrom ? `${amount(from)} ` : ''}→ ${amount(to)})`;
}

/**
 * A type policy change, each threshold by the path `policy set` takes, with its unit:
 * "newWithinDays: 30 days → 40 days; vip.topPercent: 5% → 10%". An entry recorded before the values
 * before were kept (`{ change }`) shows the values asked for: "newWithinDays: → 40 days".
 */
function policyChangeText(detail: Record<string, unknown>): string | null {
  const keys = Object.keys(detail);
  if (keys.length !== 1) return null;
  if (keys[0] === 'thresholds' && isRecord(detail.thresholds)) {
    return Object.entries(detail.thresholds).map(([path, change]) => thresholdChangeText(path, change, isRecord(change))).join('; ');
  }
  if (keys[0] !== 'change' || !isRecord(detail.change)) return null;
  const leaves = (node: unknown, path: string[]): string[] => (isRecord(node) ? Object.entries(node).flatMap(([key, value]) => leaves(value, [...path, key])) : [thresholdChangeText(path.join('.'), node, false)]);
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
