import { customerTypesByPrecedence } from '../../../analytics/customer-types.js';
import { rfmSegmentNames } from '../../../analytics/rfm-segments.js';
import type { FieldType } from '../../api/target-group-types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { translatedOr } from '../../i18n/translated-or.js';

/**
 * What the editor knows about a field beyond the server's list: its label in
 * the user's language, whether it holds money, and which codes it can hold.
 * The server's list stays the authority on which fields exist.
 */
type Translate = I18n['t'];

export const channelCodes = ['store', 'web', 'mobile', 'marketplace', 'phone', 'other'] as const;

// The stored value is the code; its words come from the message groups the rest of the app already shows them with.
const choicesByField: Record<string, { group: string; values: readonly string[] }> = {
  customer_types: { group: 'customerTypes', values: customerTypesByPrecedence },
  primary_type: { group: 'customerTypes', values: customerTypesByPrecedence },
  rfm_segment: { group: 'rfmSegments', values: rfmSegmentNames },
  churn_risk: { group: 'customer.prediction.risks', values: ['low', 'medium', 'high'] },
  kind: { group: 'customer.kinds', values: ['person', 'organization'] },
  first_interest_channel: { group: 'channels', values: channelCodes },
};

export type Choice = { value: string; label: string };

/** A field's label, or its name for a field this version of the app has no words for yet. */
export function fieldLabel(t: Translate, name: string): string {
  return translatedOr(t, 'segments.fieldLabels', name);
}

/** Amounts are stored in minor units of the store currency, and every such field says so in its name. */
export function isMoneyField(name: string): boolean {
  return name.endsWith('_minor');
}

export function hasChoices(fieldName: string): boolean {
  return Object.prototype.hasOwnProperty.call(choicesByField, fieldName);
}

export function choicesOf(t: Translate, fieldName: string): Choice[] | null {
  const choices = hasChoices(fieldName) ? choicesByField[fieldName] : null;
  return choices ? choices.values.map((value) => ({ value, label: translatedOr(t, choices.group, value) })) : null;
}

/** A stored code in words; a code the app does not know (a newer type, say) as the store wrote it. */
export function choiceLabel(t: Translate, fieldName: string, value: string): string {
  return choicesOf(t, fieldName)?.find((choice) => choice.value === value)?.label ?? value;
}

const choiceOperators = ['eq', 'neq', 'in', 'nin', 'contains', 'is_null'];

/**
 * The operators the builder offers: the server's, less those that make no sense
 * for the value (part of a code, a list of amounts whose decimal comma would
 * clash with the list's). The JSON still accepts every operator.
 */
export function builderOperatorsOf(field: { name: string; operators: string[] }): string[] {
  if (hasChoices(field.name)) return field.operators.filter((op) => choiceOperators.includes(op));
  if (isMoneyField(field.name)) return field.operators.filter((op) => op !== 'in' && op !== 'nin');
  return field.operators;
}

/** An operator in words that read right for its field: dates are "before", lists "include". */
export function operatorLabel(t: Translate, type: FieldType | undefined, op: string): string {
  if (type === 'date' && op !== 'is_null') return translatedOr(t, 'segments.dateOperators', op);
  if (type === 'text_list' && op !== 'is_null') return translatedOr(t, 'segments.listOperators', op);
  return translatedOr(t, 'segments.operators', op);
}
