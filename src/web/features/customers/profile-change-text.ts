import type { TimelineEntry } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { translatedOr } from '../../i18n/translated-or.js';
import { actorLabel, isReaderActor } from './actor-label.js';
import { identityLabel } from './identity-label.js';
import { incomeBandFact } from './income-band-fact.js';
import { phoneText } from './phone-text.js';

/**
 * A profile edit (the server's `profile_change`): each field changed, from what to what, and who
 * changed it: "by you" when that is the reader (`readerUserId`, see isReaderActor). Edits recorded
 * before the audit kept values name their fields only. With `format`, an income band reads as the
 * profile card says it, in the reader's numbers ("5 jt – 10 jt", not "5-10M"), and a phone number
 * grouped as the card shows it ("+62 812 3456 7890", not "+6281234567890").
 */
export function profileChangeText(entry: TimelineEntry, t: I18n['t'], readerUserId?: number | null, format?: Pick<Formatters, 'compact'>): string {
  const { detail } = entry;
  const fields = Array.isArray(detail.fields) ? detail.fields.map(String) : [];
  const { actor, isReader } = actorOf(detail, t, readerUserId);
  const before = recordOf(detail.before);
  const after = recordOf(detail.after);
  if (!before || !after) return t(isReader ? 'timeline.profileEditedByYou' : 'timeline.profileEdited', { fields: fields.map((field) => fieldName(field, t)).join(', '), actor });
  const changes = fields.map((field) => t('timeline.fieldChange', { field: fieldName(field, t), before: valueText(field, before[field], t, format), after: valueText(field, after[field], t, format) }));
  return t(isReader ? 'timeline.profileChangeByYou' : 'timeline.profileChange', { changes: changes.join('; '), actor });
}

/** An identity removed (the server's `identity_removal`), and the profile field it emptied with it. */
export function identityRemovalText(entry: TimelineEntry, t: I18n['t'], readerUserId?: number | null): string {
  const { detail } = entry;
  const kind = detail.kind === 'email' || detail.kind === 'phone' ? detail.kind : 'external';
  const { actor, isReader } = actorOf(detail, t, readerUserId);
  const value = String(detail.value ?? '');
  const values = { identity: identityLabel({ kind, namespace: String(detail.namespace ?? '') }, t), value: kind === 'phone' ? phoneText(value) : value, actor };
  if (typeof detail.clearedField !== 'string') return t(isReader ? 'timeline.identityRemovedByYou' : 'timeline.identityRemoved', values);
  return t(isReader ? 'timeline.identityRemovedClearedByYou' : 'timeline.identityRemovedCleared', { ...values, field: fieldName(detail.clearedField, t) });
}

// the reader's own entries have sentences of their own, not "you" put in for a name: Latvian
// words the verb for "you" differently ("mainīja darbinieks #5" but "mainījāt jūs")
function actorOf(detail: Record<string, unknown>, t: I18n['t'], readerUserId: number | null | undefined) {
  const by = String(detail.by ?? '');
  return isReaderActor(by, readerUserId) ? { actor: '', isReader: true } : { actor: actorLabel(by, t), isReader: false };
}

const recordOf = (value: unknown) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null);

const fieldName = (field: string, t: I18n['t']) => translatedOr(t, 'timeline.fields', field);

function valueText(field: string, value: unknown, t: I18n['t'], format: Pick<Formatters, 'compact'> | undefined): string {
  // a consent never given reads as the consent card calls it, not as an empty field
  if (value === null || value === undefined || value === '') return t(field.startsWith('consent') ? 'timeline.consentEmptyValue' : 'timeline.emptyValue');
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  if (field === 'kind') return translatedOr(t, 'customer.kinds', String(value));
  if (field === 'incomeBand' && format) return incomeBandFact(String(value), t, format);
  if (field === 'phone') return phoneText(String(value));
  return String(value);
}
