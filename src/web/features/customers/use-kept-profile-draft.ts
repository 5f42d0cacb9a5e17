import type { FieldEdits } from './field-edits.js';
import { keptDraftKey, keptDraftOf } from './kept-draft.js';
import { tabStorage, useKeptDraft, type KeptDraft } from './use-kept-draft.js';

// one customer's page: a draft typed for one customer never opens on another's
const pageOf = (customerId: number) => `/customers/${customerId}#profile`;

/** Whether `userId` has a profile draft of this customer's kept from before a sign-in: the card then opens its form. */
export function hasKeptProfileDraft(customerId: number, userId: number | null): boolean {
  return userId !== null && keptDraftOf(tabStorage()?.getItem(keptDraftKey(pageOf(customerId))) ?? null, userId) !== null;
}

/**
 * The profile form's changes, kept across a sign-in as the new-customer form keeps its draft. What is
 * kept is the changes with the values they were made over (field-edits.ts): one made over a value
 * changed meanwhile (a merge, a colleague) is dropped by the form as any such change is.
 */
export function useKeptProfileDraft<Field extends string>(customerId: number, fields: readonly Field[]): KeptDraft<FieldEdits<Field>> {
  return useKeptDraft<FieldEdits<Field>>(pageOf(customerId), {}, (kept) => editsFrom(kept, fields));
}

function editsFrom<Field extends string>(kept: unknown, fields: readonly Field[]): FieldEdits<Field> | null {
  if (typeof kept !== 'object' || kept === null) return null;
  const entries = Object.entries(kept).filter(([field, edit]) => (fields as readonly string[]).includes(field) && isEdit(edit));
  return entries.length === 0 ? null : Object.fromEntries(entries) as FieldEdits<Field>;
}

const isEdit = (value: unknown): boolean => typeof value === 'object' && value !== null
  && typeof (value as { from?: unknown }).from === 'string' && typeof (value as { to?: unknown }).to === 'string';
