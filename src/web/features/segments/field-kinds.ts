import { customerTypesByPrecedence } from '../../../analytics/customer-types.js';
import { rfmSegmentNames } from '../../../analytics/rfm-segments.js';
import type { FieldType } from '../../api/target-group-types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { translatedOr } from '../../i18n/translated-or.js';
import { rfmSegmentLabel } from '../reports/rfm-segment-label.js';

/**
 * What the editor knows about a field beyond the server's list: its label in
 * the user's language, whether it holds money, and which codes it can hold.
 * The server's list stays the authority on which fields exist.
 */
type Translate = I18n['t'];

export const channelCodes = ['store', 'web', 'mobile', 'marketplace', 'phone', 'other'] as const;

// The stored value is the code; its words come from the message groups the rest of the app already shows them with.
// An RFM segment's option is marked as such ("RFM: Loyal"), as everywhere it could be taken for the customer type of that name.
const choicesByField: Record<string, { group: string; values: readonly string[]; optionLabel?: (t: Translate, value: string) => string }> = {
  customer_types: { group: 'customerTypes', values: customerTypesByPrecedence },
  primary_type: { group: 'customerTypes', values: customerTypesByPrecedence },
  rfm_segment: { group: 'rfmSegments', values: rfmSegmentNames, optionLabel: rfmSegmentLabel },
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

/** A field named alone, or as the server lists it: then the store's own values (persona names) are choices too. */
type FieldOrName = string | { name: string; choices?: readonly string[] };

function hasCodeChoices(fieldName: string): boolean {
  return Object.prototype.hasOwnProperty.call(choicesByField, fieldName);
}

export function hasChoices(field: FieldOrName): boolean {
  return typeof field === 'string' ? hasCodeChoices(field) : hasCodeChoices(field.name) || field.choices !== undefined;
}

export function choicesOf(t: Translate, field: FieldOrName): Choice[] | null {
  const name = typeof field === 'string' ? field : field.name;
  // names the store gave (personas) are shown as written: they are not codes with words of their own
  if (!hasCodeChoices(name)) return typeof field !== 'string' && field.choices ? field.choices.map((value) => ({ value, label: value })) : null;
  const choices = choicesByField[name];
  return choices.values.map((value) => ({ value, label: choices.optionLabel?.(t, value) ?? translatedOr(t, choices.group, value) }));
}

/**
 * A stored code in words, for a sentence that names its field first ("RFM segment is Loyal": no
 * "RFM:" mark needed there); a code the app does not know (a newer type, say) as the store wrote it.
 */
export function choiceLabel(t: Translate, fieldName: string, value: string): string {
  return hasCodeChoices(fieldName) ? translatedOr(t, choicesByField[fieldName].group, value) : value;
}

const choiceOperators = ['eq', 'neq', 'in', 'nin', 'contains', 'is_null'];

/**
 * The operators the builder offers: the server's, less those that make no sense
 * for the value (part of a code, a list of amounts whose decimal comma would
 * clash with the list's). The JSON still accepts every operator.
 */
export function builderOperatorsOf(field: { name: string; type?: FieldType; operators: string[]; choices?: readonly string[] }): string[] {
  if (hasChoices(field)) return field.operators.filter((op) => choiceOperators.includes(op));
  if (isMoneyField(field.name)) return field.operators.filter((op) => op !== 'in' && op !== 'nin');
  if (field.type === 'date' && field.operators.includes('between')) return [...field.operators, withinNextOperator];
  return field.operators;
}

/**
 * The builder's "in the next N days", for predicted days ("expected to buy in the next 7 days"): not an
 * operator of the filter language but a range of it that moves on with the as-of day (buildComparison).
 */
export const withinNextOperator = 'within_next';

// What people mean when they pick a field and say nothing more: a big spender or a repeat buyer is
// "at least" an amount or a count (an exact amount matches almost no one), a date is "in the last …
// days" (on or after, with days ago), text is "is", a list "includes".
const defaultOperatorByType: Record<FieldType, string> = { number: 'gte', date: 'gte', text: 'eq', boolean: 'eq', text_list: 'contains' };

/**
 * The operator the builder starts a field on: its kind's, if the builder offers it for this field;
 * an identifier (`customer_id`) is one exact number, not a threshold.
 */
export function defaultOperatorOf(field: { name: string; type: FieldType }, operators: readonly string[]): string | undefined {
  const preferred = field.name.endsWith('_id') ? 'eq' : defaultOperatorByType[field.type];
  return operators.includes(preferred) ? preferred : operators[0];
}

/** An operator in words that read right for its field: dates are "before", lists "include". */
export function operatorLabel(t: Translate, type: FieldType | undefined, op: string): string {
  if (type === 'date' && op !== 'is_null') return translatedOr(t, 'segments.dateOperators', op);
  if (type === 'text_list' && op !== 'is_null') return translatedOr(t, 'segments.listOperators', op);
  return translatedOr(t, 'segments.operators', op);
}
