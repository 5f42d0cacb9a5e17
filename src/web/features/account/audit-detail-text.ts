import { roles } from '../../../auth/permissions.js';
import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';

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

function valueText(key: string, value: unknown, t: Translate, format: Pick<Formatters, 'number'>): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  // whole numbers here are mostly ids and line numbers, never grouped ("Nr. 2033", not "2 033")
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : format.number(value, Math.min((String(value).split('.')[1] ?? '').length, 6));
  if (key === 'role' && typeof value === 'string' && (roles as readonly string[]).includes(value)) return t(`roles.${value}`);
  // a failed sign-in's code as src/auth/sessions.service.ts writes it; another reason (a sentence, a code added later) as recorded
  if (key === 'reason' && typeof value === 'string') {
    const reason = `settings.audit.signInFailures.${value}`;
    const known = t(reason);
    if (known !== reason) return known;
  }
  if (Array.isArray(value)) return value.map((item) => (item !== null && typeof item === 'object' ? JSON.stringify(item) : valueText(key, item, t, format))).join(', ');
  return String(value);
}

/** An entry's recorded facts as [name, value] lines in the reader's language; nothing for an empty or missing detail. */
export function readableAuditDetail(detail: unknown, t: Translate, format: Pick<Formatters, 'number'>, path: string[] = []): Array<[string, string]> {
  if (detail === null || detail === undefined) return [];
  if (typeof detail !== 'object' || Array.isArray(detail)) {
    const label = (path.length > 0 ? path : ['value']).map((key) => auditDetailKeyText(key, t)).join(' › ');
    return [[label, valueText(path.at(-1) ?? '', detail, t, format)]];
  }
  return Object.entries(detail as Record<string, unknown>).flatMap(([key, value]) => readableAuditDetail(value === null ? '—' : value, t, format, [...path, key]));
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
