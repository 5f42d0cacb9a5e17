import type { BuiltCondition } from './filter-text.js';

/**
 * What the builder's forms hold that the filter does not have yet. The forms
 * keep their own inputs until Add puts a condition into the filter, so a Save
 * in between would store the filter without what the person typed — and say
 * nothing. Saving waits until every form is added or cleared.
 */
export type BuilderForm = 'comparison' | 'purchase';

/** `errorValues` fill the error's placeholders (the amount example of `needsAmount`). */
export type PendingCondition =
  | { status: 'clear' }
  | { status: 'unfinished' }
  | { status: 'invalid'; errorKey: string; errorValues?: Record<string, string> };

export type PendingConditions = Record<BuilderForm, PendingCondition>;

export type SaveBlock =
  | { form: BuilderForm; reason: 'unfinished' }
  | { form: BuilderForm; reason: 'invalid'; errorKey: string; errorValues?: Record<string, string> };

export const noPendingConditions: PendingConditions = { comparison: { status: 'clear' }, purchase: { status: 'clear' } };

/** Page order: the message near Save lists the forms as the person sees them. */
const formOrder: readonly BuilderForm[] = ['comparison', 'purchase'];

/**
 * A form's state for saving: clear when it holds nothing the person entered,
 * else what Add would make of it now — a condition not added yet, or the
 * problem Add would report.
 */
export function pendingConditionOf(hasInput: boolean, built: BuiltCondition, errorValues?: Record<string, string>): PendingCondition {
  if (!hasInput) return { status: 'clear' };
  if ('errorKey' in built) return { status: 'invalid', errorKey: built.errorKey, ...(errorValues ? { errorValues } : {}) };
  return { status: 'unfinished' };
}

/** Why saving must wait, one entry per form that holds input; none when saving keeps everything typed. */
export function saveBlocksOf(pending: PendingConditions): SaveBlock[] {
  return formOrder.flatMap((form): SaveBlock[] => {
    const state = pending[form];
    if (state.status === 'clear') return [];
    if (state.status === 'unfinished') return [{ form, reason: 'unfinished' }];
    return [{ form, reason: 'invalid', errorKey: state.errorKey, ...(state.errorValues ? { errorValues: state.errorValues } : {}) }];
  });
}

/** Two pending states alike, so a form reports a change only when there is one. */
export function isSamePending(left: PendingCondition, right: PendingCondition): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}
