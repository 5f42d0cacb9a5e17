import { describe, expect, it } from 'vitest';
import { areAllLive, changedFields, liveEdits, shownValues, withEdit, type FieldEdits } from './field-edits.js';

type Field = 'email' | 'city' | 'gender';
const lead: Record<Field, string> = { email: '', city: '', gender: '' };
// what a merge left on the lead: the other customer's email, city and gender filled in
const merged: Record<Field, string> = { email: 'rina@example.com', city: 'Bandung', gender: 'female' };

describe('field edits over stored values', () => {
  it('shows the stored values where the person changed nothing, and their change where they did', () => {
    const edits = withEdit({}, lead, 'email', 'rina@example.com');
    expect(shownValues(lead, edits)).toEqual({ email: 'rina@example.com', city: '', gender: '' });
    expect(changedFields(lead, edits)).toEqual(['email']);
  });

  it('follows a merge that fills fields the person left alone, and sends none of them', () => {
    const edits = withEdit({}, lead, 'email', 'rina@example.com');
    expect(shownValues(merged, edits)).toEqual(merged);
    // the email they typed is the one the merge brought: nothing is left to send
    expect(changedFields(merged, edits)).toEqual([]);
  });

  it('drops a change made over a value that is no longer stored, so it is not sent over the newer one', () => {
    const edits: FieldEdits<Field> = withEdit({}, lead, 'city', 'Bogor');
    expect(areAllLive(edits, merged)).toBe(false);
    expect(liveEdits(edits, merged)).toEqual({});
    expect(shownValues(merged, edits).city).toBe('Bandung');
    expect(changedFields(merged, edits)).toEqual([]);
  });

  it('keeps a change whose field the merge did not touch', () => {
    const edits = withEdit({}, { ...merged, city: 'Depok' }, 'city', 'Bogor');
    const afterMerge = { ...merged, city: 'Depok' };
    expect(areAllLive(edits, afterMerge)).toBe(true);
    expect(changedFields(afterMerge, edits)).toEqual(['city']);
  });

  it('sends nothing for a field changed and then changed back', () => {
    const edits = withEdit(withEdit({}, merged, 'gender', 'male'), merged, 'gender', 'female');
    expect(changedFields(merged, edits)).toEqual([]);
  });

  it('sends an emptied field, which the form sends as cleared', () => {
    expect(changedFields(merged, withEdit({}, merged, 'city', ''))).toEqual(['city']);
  });
});
