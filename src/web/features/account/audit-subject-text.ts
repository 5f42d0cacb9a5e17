import type { I18n } from '../../i18n/i18n-context.js';
import { actorLabel } from '../customers/actor-label.js';
import { auditDetailKeyText } from './audit-detail-text.js';

type Translate = I18n['t'];

export type AuditSubjectEvent = { entity: string; entityId: string | null; detail: unknown };

/** The kinds of entity the log names in words; any other (a refused request's route) is shown as stored. */
const namedEntities = ['customer', 'segment', 'persona', 'persona_model', 'staff_user', 'api_key', 'alert', 'store', 'import_run', 'backup', 'erasure_suppression'];

const recordedName = (detail: unknown): string | null => {
  const name = detail !== null && typeof detail === 'object' ? (detail as Record<string, unknown>).name : undefined;
  return typeof name === 'string' && name !== '' ? name : null;
};

/**
 * What an entry is about, in the reader's language: "Import #9", "Segment #4". An API key is named
 * by the name recorded with it (api-key.create and .revoke keep it), with its number, as the key
 * acting is (auditActorText); a kind this app does not know is shown as stored.
 */
export function auditSubjectText(event: AuditSubjectEvent, t: Translate): string {
  if (!namedEntities.includes(event.entity)) return `${event.entity}${event.entityId ? ` ${event.entityId}` : ''}`;
  const id = event.entityId ?? '';
  if (event.entity === 'store') return storeSubject(event.entityId, t);
  const keyName = event.entity === 'api_key' ? recordedName(event.detail) : null;
  if (keyName) return t('settings.audit.namedApiKey', { name: keyName, id });
  return t(`settings.audit.entities.${event.entity}`, { id });
}

/** Which store setting: the thresholds, the name, a currency's exchange rate ("rate:USD"), or the settings a change named ("currency,timeZone"). */
function storeSubject(entityId: string | null, t: Translate): string {
  if (entityId === 'type_policy') return t('settings.audit.storeSubjects.policy');
  if (entityId === 'name') return t('settings.audit.storeSubjects.name');
  const rate = entityId ? /^rate:([A-Z]{3})$/.exec(entityId) : null;
  if (rate) return t('settings.audit.storeSubjects.rate', { currency: rate[1] });
  // settings.update files its entry under the keys it changed, as code: named as its detail names them
  const settings = (entityId ?? '').split(',').filter((key) => key !== '').map((key) => auditDetailKeyText(key, t)).join(', ');
  return t('settings.audit.entities.store', { id: settings });
}

/**
 * Who did it, on the audit page: an API key by its name and number ("API key “shop-feed” (#1)"),
 * since names are not unique and a revoked key's may be given again; everyone else as elsewhere (actorLabel).
 */
export function auditActorText(actor: string, t: Translate): string {
  if (actor === 'anonymous') return t('settings.audit.anonymous');
  const apiKey = /^api-key:(\d+):(.+)$/.exec(actor);
  if (apiKey) return t('settings.audit.apiKeyActor', { id: apiKey[1], name: apiKey[2] });
  return actorLabel(actor, t);
}
