import type { I18n } from '../../i18n/i18n-context.js';
import { translatedOr } from '../../i18n/translated-or.js';

type TranslateFunction = I18n['t'];

/**
 * The words an alert's sentence starts with, so a segment's drop never reads
 * as the whole store's: "category:pastries" → "pastries category" (English),
 * "Di kategori pastries" (Indonesian); the whole store ("all") → "Store-wide".
 * Each language words the scope to fit its own alerts.scopedDrop.
 */
export function alertScopeText(scope: string, t: TranslateFunction): string {
  if (!scope || scope === 'all') return t('alerts.scopes.all');
  const [dimension, ...rest] = scope.split(':');
  if (rest.length === 0) return scope;
  const segment = rest.join(':');
  if (dimension === 'type') return t('alerts.scopes.type', { segment: translatedOr(t, 'customerTypes', segment) });
  if (dimension === 'channel') return t('alerts.scopes.channel', { segment: translatedOr(t, 'channels', segment) });
  if (dimension === 'category' || dimension === 'city') return t(`alerts.scopes.${dimension}`, { segment });
  return t('alerts.scopes.other', { dimension, segment });
}
