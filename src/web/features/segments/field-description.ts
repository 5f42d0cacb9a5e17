import type { I18n } from '../../i18n/i18n-context.js';
import { fieldLabel } from './field-kinds.js';

/** `lang` is set only when the text is the server's English, so screen readers and translators know to treat it as such. */
export type FieldDescription = { text: string; lang?: 'en' };

/**
 * What a field means, in the reader's language. The server's English sentence
 * stands in for a field this version of the app has no words for yet (a newer
 * server), so the reference never shows a bare message key.
 */
export function fieldDescription(t: I18n['t'], field: { name: string; description: string }): FieldDescription {
  // the same key shape as the labels (segments.fieldLabels.<name>): one entry per field name
  const key = `segments.fieldDescriptions.${field.name}`;
  const translated = t(key);
  return translated === key ? { text: field.description, lang: 'en' } : { text: translated };
}

/**
 * The description said under the field chosen in the condition form, or null when it would only
 * repeat the field's name ("City" under "City") or say nothing: the label already says that much.
 */
export function fieldCaption(t: I18n['t'], field: { name: string; description: string }): FieldDescription | null {
  const description = fieldDescription(t, field);
  const text = description.text.trim();
  return text === '' || text.toLocaleLowerCase() === fieldLabel(t, field.name).trim().toLocaleLowerCase() ? null : description;
}
