import type { TimelineEntry } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { actorLabel, isReaderActor } from './actor-label.js';
import { identityLabel } from './identity-label.js';
import { phoneText } from './phone-text.js';

type IdentityRecord = { kind?: unknown; namespace?: unknown; value?: unknown };

/** Identities an update added without changing a profile field (the server's `identity_addition`), and who added them. */
export function identityAdditionText(entry: TimelineEntry, t: I18n['t'], readerUserId?: number | null): string {
  const added = Array.isArray(entry.detail.addedIdentities) ? (entry.detail.addedIdentities as IdentityRecord[]) : [];
  const identities = added.map((identity) => {
    const kind = identity.kind === 'email' || identity.kind === 'phone' ? identity.kind : 'external';
    const value = String(identity.value ?? '');
    // a phone number grouped as the profile card shows it, not as stored (E.164)
    return `${identityLabel({ kind, namespace: String(identity.namespace ?? '') }, t)} ${kind === 'phone' ? phoneText(value) : value}`;
  }).join(', ');
  const by = String(entry.detail.by ?? '');
  // the reader's own entries have sentences of their own: Latvian words the verb for "you" differently
  return isReaderActor(by, readerUserId) ? t('timeline.identityAddedByYou', { identities }) : t('timeline.identityAdded', { identities, actor: actorLabel(by, t) });
}

/** The customer created by staff or a key (the server's `customer_creation`). */
export function customerCreationText(entry: TimelineEntry, t: I18n['t'], readerUserId?: number | null): string {
  const by = String(entry.detail.by ?? '');
  return isReaderActor(by, readerUserId) ? t('timeline.customerCreatedByYou') : t('timeline.customerCreated', { actor: actorLabel(by, t) });
}
