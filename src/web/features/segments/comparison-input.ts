import type { FilterField } from '../../api/target-group-types.js';
import type { AmountFormat } from '../customers/customer-filters.js';
import type { ConditionInput } from './filter-text.js';
import { hasChoices, isMoneyField } from './field-kinds.js';

/**
 * How the comparison form asks for a value: a choice where the answer is one
 * of a few, ticks where it is several of a known set, two boxes for a range,
 * free text otherwise.
 */
export type ValueKind = 'known' | 'yes-no' | 'choice' | 'choices' | 'range' | 'text';
/** What the form holds while the user edits: the text typed (or chosen), a range's upper end, the ticked codes. */
export type ValueDraft = { text: string; upper: string; picked: string[] };

export const emptyDraft: ValueDraft = { text: '', upper: '', picked: [] };

type FieldShape = Pick<FilterField, 'name' | 'type' | 'choices'>;

export function valueKindOf(field: FieldShape, op: string): ValueKind {
  if (op === 'is_null') return 'known';
  if (field.type === 'boolean') return 'yes-no';
  if (op === 'between') return 'range';
  if (hasChoices(field)) return op === 'in' || op === 'nin' ? 'choices' : 'choice';
  return 'text';
}

/**
 * The form's state as input for `buildComparison`; a choice nobody touched is the one the select shows first.
 * Numbers are read in the reader's language (`amountFormat.tag`), amounts in the store currency.
 */
export function comparisonInputOf(field: FieldShape, op: string, draft: ValueDraft, firstChoice: string, amountFormat: AmountFormat): ConditionInput {
  const kind = valueKindOf(field, op);
  const value = kind === 'known' || kind === 'yes-no' ? draft.text || 'true'
    : kind === 'choice' ? draft.text || firstChoice
    : kind === 'choices' ? draft.picked
    : kind === 'range' ? [draft.text, draft.upper]
    : draft.text;
  const numberFormat = field.type !== 'number' ? {} : isMoneyField(field.name) ? { amountFormat } : { locale: amountFormat.tag };
  return { field: field.name, type: field.type, op, value, ...numberFormat };
}
