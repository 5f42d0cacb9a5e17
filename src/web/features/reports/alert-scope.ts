import type { I18n } from '../../i18n/i18n-context.js';

type TranslateFunction = I18n['t'];

const dimensions = ['type', 'channel', 'category', 'city'] as const;

/** "channel:web" → "Channel: Web"; the whole store ("all") says nothing extra. */
export function alertScopeText(scope: string, t: TranslateFunction): string {
  if (!scope || scope === 'all') return '';
  const [dimension, ...rest] = scope.split(':');
  const segment = rest.join(':');
  const dimensionLabel = (dimensions as readonly string[]).includes(dimension) ? t(`alerts.dimensions.${dimension}`) : dimension;
  const segmentLabel = dimension === 'type' ? t(`customerTypes.${segment}`) : dimension === 'channel' ? t(`channels.${segment}`) : segment;
  return `${dimensionLabel}: ${segmentLabel}`;
}
