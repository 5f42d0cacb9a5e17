import { describe, expect, it } from 'vitest';
import { defaultTypePolicy } from '../../../analytics/policy.js';
import { policyDraft } from './policy-fields.js';
import { policyFormState } from './policy-page.js';

const edited = (numbers: Record<string, string>) => {
  const draft = policyDraft(defaultTypePolicy);
  return { ...draft, numbers: { ...draft.numbers, ...numbers } };
};

describe('the policy form buttons', () => {
  it('offer neither Save nor Discard while nothing was edited', () => {
    expect(policyFormState(defaultTypePolicy, policyDraft(defaultTypePolicy))).toMatchObject({ invalidPaths: [], isEdited: false, canSave: false });
  });

  it('let an invalid value be discarded, but not saved', () => {
    expect(policyFormState(defaultTypePolicy, edited({ newWithinDays: '0' }))).toMatchObject({ invalidPaths: ['newWithinDays'], isEdited: true, canSave: false });
    expect(policyFormState(defaultTypePolicy, edited({ newWithinDays: '' }))).toMatchObject({ invalidPaths: ['newWithinDays'], isEdited: true, canSave: false });
  });

  it('hold Save back while any field is invalid, even beside a valid change', () => {
    const state = policyFormState(defaultTypePolicy, edited({ 'vip.topPercent': '3', 'loyal.periodMonths': '1.5' }));
    expect(state).toMatchObject({ invalidPaths: ['loyal.periodMonths'], isEdited: true, canSave: false });
  });

  it('save a valid change, and count a changed basis as an edit', () => {
    expect(policyFormState(defaultTypePolicy, edited({ 'vip.topPercent': '3' }))).toMatchObject({ change: { vip: { topPercent: 3 } }, isEdited: true, canSave: true });
    const basis = { ...policyDraft(defaultTypePolicy), vipBasis: 'frequency' as const };
    expect(policyFormState(defaultTypePolicy, basis)).toMatchObject({ isEdited: true, canSave: true });
  });
});
