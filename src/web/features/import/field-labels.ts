import { canonicalFields, prefixedFields } from '../../../ingest/rows/fields.js';
import type { IngestEntity } from '../../api/types.js';

/** Translates a message key, leaving a missing key as itself (lookupMessage's rule). */
type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** A family of fields such as `external_id.<system>`: its message key part and the name after the prefix. */
function familyOf(entity: IngestEntity, field: string): { family: string; name: string } | null {
  const prefix = prefixedFields[entity].find((candidate) => field.startsWith(candidate) && field.length > candidate.length);
  // the family's key part drops the dot: message keys are split on dots
  return prefix === undefined ? null : { family: prefix.slice(0, -1), name: field.slice(prefix.length) };
}

/**
 * The one place a field's message keys come from: `importFields.<entity>.<field>.label` and
 * `.hint` (a family's `.label` takes the name after its prefix as `{name}`). Derived from the
 * server's field names, so a field added to fields.ts has no label until field-labels.test.ts
 * is satisfied.
 */
export function fieldMessageKey(entity: IngestEntity, field: string, part: 'label' | 'hint' | 'anyLabel'): string {
  const family = familyOf(entity, field);
  return `importFields.${entity}.${family?.family ?? field.replace(/\.$/, '')}.${part}`;
}

/** Every field name the mapping can show for an entity: its canonical fields and its families (as their prefix, `external_id.`). */
export function labelledFields(entity: IngestEntity): readonly string[] {
  return [...canonicalFields[entity], ...prefixedFields[entity]];
}

export type FieldText = { label: string; hint: string | null };

/** What a shop owner reads for a field: a label in their language, and a hint where the name alone does not say enough. */
export function describeField(t: Translate, entity: IngestEntity, field: string): FieldText {
  const family = familyOf(entity, field);
  const labelKey = fieldMessageKey(entity, field, field.endsWith('.') ? 'anyLabel' : 'label');
  const label = t(labelKey, { name: family?.name ?? '' });
  const hintKey = fieldMessageKey(entity, field, 'hint');
  const hint = t(hintKey);
  return { label: label === labelKey ? field : label, hint: hint === hintKey ? null : hint };
}

/** Fields that stand in for each other, by their labels: "Customer ID / Customer email / Customer phone". */
export function alternativesText(t: Translate, entity: IngestEntity, fields: readonly string[]): string {
  return fields.map((field) => describeField(t, entity, field).label).join(' / ');
}
