/**
 * What a person changed in a form over stored values, each change with the stored value it was made
 * over. The stored values can change while the form is open (a merge or its undo fills or restores
 * fields): a field the person left alone then shows the new value, and a change made over a value
 * that is no longer stored is dropped, so Save never sends an answer given to an older record.
 */
export type FieldEdit = { from: string; to: string };
export type FieldEdits<Field extends string> = Partial<Record<Field, FieldEdit>>;

const entriesOf = <Field extends string>(edits: FieldEdits<Field>) => Object.entries(edits) as Array<[Field, FieldEdit]>;

/** The changes still made over what is stored. */
export function liveEdits<Field extends string>(edits: FieldEdits<Field>, stored: Record<Field, string>): FieldEdits<Field> {
  return Object.fromEntries(entriesOf(edits).filter(([field, edit]) => edit.from === stored[field])) as FieldEdits<Field>;
}

/** Whether every change is still live: when not, the form drops the others (see liveEdits). */
export function areAllLive<Field extends string>(edits: FieldEdits<Field>, stored: Record<Field, string>): boolean {
  return entriesOf(edits).every(([field, edit]) => edit.from === stored[field]);
}

/** What the form shows: the stored values, with the person's live changes over them. */
export function shownValues<Field extends string>(stored: Record<Field, string>, edits: FieldEdits<Field>): Record<Field, string> {
  const shown = { ...stored };
  for (const [field, edit] of entriesOf(liveEdits(edits, stored))) shown[field] = edit.to;
  return shown;
}

/** The person's change of one field, over the value now stored. */
export function withEdit<Field extends string>(edits: FieldEdits<Field>, stored: Record<Field, string>, field: Field, to: string): FieldEdits<Field> {
  return { ...liveEdits(edits, stored), [field]: { from: stored[field], to } };
}

/** The fields to send: changed by the person over what is stored now, and not back to it. */
export function changedFields<Field extends string>(stored: Record<Field, string>, edits: FieldEdits<Field>): Field[] {
  return entriesOf(liveEdits(edits, stored)).filter(([field, edit]) => edit.to !== stored[field]).map(([field]) => field);
}
