import type { Identity } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { translatedOr } from '../../i18n/translated-or.js';

/**
 * What an identity is, for staff: its kind, or for an external id the system
 * it comes from. The namespaces the product writes itself (the demo's ids, its
 * loyalty cards and web accounts, the import defaults, the presets' sources)
 * are translated; any other is the business's own name for a system and is
 * shown as they wrote it.
 */
export function identityLabel(identity: Pick<Identity, 'kind' | 'namespace'>, t: I18n['t']): string {
  if (identity.kind !== 'external') return t(`customer.identityKinds.${identity.kind}`);
  return translatedOr(t, 'customer.identityNamespaces', identity.namespace);
}
