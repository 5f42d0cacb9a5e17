import { roles } from '../../../auth/permissions.js';
import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { exactMoneyText, numericPolicyFields, vipBases } from './policy-fields.js';

type Translate = I18n['t'];

/**
 * A recorded fact's name for people: the known ones in the reader's language, a nested one by its
 * path ("changed › role"); one this app does not know yet split into words ("laterGifts" → "later gifts")
 * rather than shown as code.
 */
export function auditDetailKeyText(key: string, t: Translate): string {
  const name = `settings.audit.detailKeys.${key}`;
  const known = t(name);
  return known === name ? key.replace(/([a-z\d])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase() : known;
}

type DetailFormatters = Pick<Formatters, 'number' | 'dateTime' | 'money' | 'currencySymbol' | 'minorPerMajor'>;

/** Details that count things (import.complete, customer.delete, customer.merge, access.refused), not ids or line numbers. */
const quantityKeys = new Set(['bytes', 'read', 'inserted', 'updated', 'unchanged', 'rejected', 'records', 'refusalsOverridden',
  'orders', 'orderLines', 'events', 'identities', 'mergedCustomers', 'suppressedIdentities', 'count']);

/**
 * Details whose value is a code named in a message group: a failed sign-in's reason (src/auth/sessions.service.ts),
 * why a signed-in caller was refused (access.refused, src/auth/refusal-audit.ts), what an import run imported
 * (import.complete, import.fail; by the name the list of imports gives it).
 */
const namedValueGroups = new Map([['reason', 'settings.audit.signInFailures'], ['code', 'settings.audit.refusalCodes'], ['entity', 'entities']]);

function valueText(key: string, value: unknown, t: Translate, format: DetailFormatters): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  // a backup's size and an import's or erasure's counts are quantities, grouped as the reader writes numbers ("54 883")
  if (quantityKeys.has(key) && typeof value === 'number') return format.number(value);
  // whole numbers here are mostly ids and line numbers, never grouped ("Nr. 2033", not "2 033")
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : format.number(value, Math.min((String(value).split('.')[1] ?? '').length, 6));
  if (key === 'role' && typeof value === 'string' && (roles as readonly string[]).includes(value)) return t(`roles.${value}`);
  // a code with a name in the reader's language; another (a sentence, a code added later) as recorded
  const group = namedValueGroups.get(key);
  if (group && typeof value === 'string') {
    const name = `${group}.${value}`;
    const known = t(name);
    if (known !== name) return known;
  }
  if (key === 'takenAt' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return format.dateTime(value);
  if (Array.isArray(value)) return value.map((item) => (item !== null && typeof item === 'object' ? JSON.stringify(item) : valueText(key, item, t, format))).join(', ');
  return String(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isFromTo = (value: unknown): value is { from: unknown; to: unknown } => isRecord(value) && Object.keys(value).sort().join() === 'from,to';

/** A threshold by the label the Customer types settings show it with; one the page does not know by its path in words. */
function thresholdLabel(path: string, t: Translate): string {
  const name = `settings.policy.fields.${path}`;
  const known = t(name);
  return known === name ? path.split('.').map((key) => auditDetailKeyText(key, t)).join(' › ') : known;
}

/**
 * A threshold's value as the settings show it, with the unit the settings give it ("180 days", "30%",
 * "2×"): shares as percentages, the VIP basis by name. Days, weeks and months are counted in the
 * reader's language ("1 day", "2 days"; Latvian "1 diena", "21 diena", "2 dienas").
 */
function thresholdValueText(path: string, value: unknown, t: Translate, format: DetailFormatters, locale: Locale): string {
  if (value === null || value === undefined) return '—';
  if (path === 'vip.basis' && typeof value === 'string' && (vipBases as readonly string[]).includes(value)) return t(`settings.policy.bases.${value}`);
  const field = numericPolicyFields.find((candidate) => candidate.path === path);
  if (typeof value !== 'number' || !field) return valueText(path, value, t, format);
  const shown = field.isShare ? Number((value * 100).toPrecision(12)) : value;
  const number = format.number(shown, (String(shown).split('.')[1] ?? '').length);
  if (field.unit === 'percent') return `${number}%`;
  if (field.unit === 'times') return `${number}×`;
  if (field.unit === 'days' || field.unit === 'weeks' || field.unit === 'months') return t(pluralKey(locale, `settings.policy.unitCounts.${field.unit}`, shown), { count: number });
  return number;
}

/**
 * "from → to" of a threshold. The alerts' minimum expected is compared with every series in its own unit,
 * so it says which: orders and customers as counted, revenue in the currency's smallest unit, as money
 * in the store's currency when it is known ("5 → 10 (orders or customers; revenue €0.05 → €0.10)"), exact to
 * any fraction of the smallest unit.
 */
function thresholdChangeText(path: string, from: unknown, to: unknown, hasFrom: boolean, t: Translate, format: DetailFormatters, locale: Locale): string {
  const change = `${hasFrom ? `${thresholdValueText(path, from, t, format, locale)} ` : ''}→ ${thresholdValueText(path, to, t, format, locale)}`;
  if (path !== 'alerts.minExpected') return change;
  if (format.currencySymbol === null) return `${change} (${t('settings.policy.minExpectedAudit.minor')})`;
  // a fraction of the smallest unit written out, never rounded: 0.4 rupiah is not "Rp 0"
  const money = (value: unknown) => (typeof value === 'number' ? exactMoneyText(value, format, intlTagByLocale[locale]) : '—');
  return `${change} (${t('settings.policy.minExpectedAudit.money', { amounts: `${hasFrom ? `${money(from)} ` : ''}→ ${money(to)}` })})`;
}

/**
 * A type policy change: each threshold that changed, "label: from → to" (`thresholds`, as
 * src/analytics/types.service.ts records it); an entry recorded before that kept only the change asked
 * for (`change`, nested), shown as the values asked for. Null for any other detail.
 */
function policyChangeLines(detail: Record<string, unknown>, t: Translate, format: DetailFormatters, locale: Locale): Array<[string, string]> | null {
  const keys = Object.keys(detail);
  if (keys.length !== 1) return null;
  if (keys[0] === 'thresholds' && isRecord(detail.thresholds)) {
    return Object.entries(detail.thresholds).map(([path, change]) => {
      const { from, to } = isRecord(change) ? change : { from: undefined, to: change };
      return [thresholdLabel(path, t), thresholdChangeText(path, from, to, true, t, format, locale)];
    });
  }
  if (keys[0] !== 'change' || !isRecord(detail.change) || !Object.keys(detail.change).every((key) => policyTopKeys.has(key))) return null;
  const leaves = (node: unknown, path: string[]): Array<[string, unknown]> => (isRecord(node) ? Object.entries(node).flatMap(([key, value]) => leaves(value, [...path, key])) : [[path.join('.'), node]]);
  return leaves(detail.change, []).map(([path, value]) => [thresholdLabel(path, t), thresholdChangeText(path, undefined, value, false, t, format, locale)]);
}

const policyTopKeys = new Set(numericPolicyFields.map((field) => field.path.split('.')[0]));

/**
 * An entry's recorded facts as [name, value] lines in the reader's language (`locale`, whose plural
 * rules count days, weeks and months); nothing for an empty or missing detail.
 */
export function readableAuditDetail(detail: unknown, t: Translate, format: DetailFormatters, locale: Locale, path: string[] = []): Array<[string, string]> {
  if (detail === null || detail === undefined) return [];
  const policyLines = path.length === 0 && isRecord(detail) ? policyChangeLines(detail, t, format, locale) : null;
  if (policyLines) return policyLines;
  const label = () => (path.length > 0 ? path : ['value']).map((key) => auditDetailKeyText(key, t)).join(' › ');
  if (typeof detail !== 'object' || Array.isArray(detail)) return [[label(), valueText(path.at(-1) ?? '', detail, t, format)]];
  // a setting changed (settings.update: { currency: { from, to } }) reads as one line, "currency: EUR → USD"
  if (path.length > 0 && isFromTo(detail)) {
    const key = path.at(-1)!;
    return [[label(), `${valueText(key, detail.from, t, format)} → ${valueText(key, detail.to, t, format)}`]];
  }
  return Object.entries(detail as Record<string, unknown>).flatMap(([key, value]) => readableAuditDetail(value === null ? '—' : value, t, format, locale, [...path, key]));
}

/**
 * The email a staff member an entry is about is known by: the one recorded with it, or the actor's own when
 * staff member and actor are the same person (a sign-in); null when neither says, and they are named by number.
 */
export function staffMemberEmail(event: { actor: string; entityId: string | null; detail: unknown }): string | null {
  const recorded = event.detail !== null && typeof event.detail === 'object' ? (event.detail as Record<string, unknown>).email : undefined;
  if (typeof recorded === 'string' && recorded !== '') return recorded;
  const actor = /^user:(\d+):(.+)$/.exec(event.actor);
  return actor && actor[1] === event.entityId ? actor[2] : null;
}
