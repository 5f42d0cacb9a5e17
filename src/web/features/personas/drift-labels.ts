import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';
import { attributeKey } from './drift-periods.js';
import { incomeBandText } from './income-band.js';

/** An attribute's name in the reader's language, or as the server wrote it (English) when the app has no word for it. */
export function attributeLabel(attribute: string, t: I18n['t']): { text: string; lang?: string } {
  const key = attributeKey(attribute);
  return key ? { text: t(`drift.attributes.${key}`) } : { text: attribute, lang: 'en' };
}

/** Values of an attribute: channels and kinds have words in every language; income bands the reader's numbers; cities, age bands and categories are the store's own data. */
export function seriesLabel(attribute: string, label: string, t: I18n['t'], format: Pick<Formatters, 'compact'>): string {
  if (label === '(other)') return t('drift.other');
  if (label === '(unknown)' || label === 'unknown') return t('drift.unknown');
  if (attribute === 'channel') return t(`channels.${label}`);
  if (attribute === 'kind') return t(`customer.kinds.${label}`);
  if (attribute === 'income band') return incomeBandText(label, t, format);
  return label;
}
