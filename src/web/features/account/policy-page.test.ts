import { describe, expect, it } from 'vitest';
import { defaultTypePolicy } from '../../../analytics/policy.js';
import { intlTagByLocale } from '../../i18n/messages.js';
import { policyDraft } from './policy-fields.js';
import { policyFormState } from './policy-page.js';

const tag = intlTagByLocale.en;

const edited = (numbers: Record<string, string>) => {
  const draft = policyDraft(defaultTypePolicy, tag);
  return { ...draft, numbers: { ...draft.numbers, ...numbers } };
};

describe('the policy form buttons', () => {
  it('offer neither Save nor Discard while nothing was edited', () => {
    expect(policyFormState(defaultTypePolicy, policyDraft(defaultTypePolicy, tag), tag)).toMatchObject({ invalidPaths: [], isEdited: false, canSave: false });
  });

  it('let an invalid value be discarded, but not saved', () => {
    expect(policyFormState(defaultTypePolicy, edited({ newWithinDays: '0' }), tag)).toMatchObject({ invalidPaths: ['newWithinDays'], isEdited: true, canSave: false });
    expect(policyFormState(defaultTypePolicy, edited({ newWithinDays: '' }), tag)).toMatchObject({ invalidPaths: ['newWithinDays'], isEdited: true, canSave: false });
  });

  it('hold Save back while any field is invalid, even beside a valid change', () => {
    const state = policyFormState(defaultTypePolicy, edited({ 'vip.topPercent': '3', 'loyal.periodMonths': '1.5' }), tag);
    expect(state).toMatchObject({ invalidPaths: ['loyal.periodMonths'], isEdited: true, canSave: false });
  });

  it('save a valid change, and count a changed basis as an edit', () => {
    expect(policyFormState(defaultTypePolicy, edited({ 'vip.topPercent': '3' }), tag)).toMatchObject({ change: { vip: { topPercent: 3 } }, isEdited: true, canSave: true });
    const basis = { ...policyDraft(defaultTypePolicy, tag), vipBasis: 'frequency' as const };
    expect(policyFormState(defaultTypePolicy, basis, tag)).toMatchObject({ isEdited: true, canSave: true });
  });

  it('hold Save back while a field the server refused keeps the text it refused, and mark it', () => {
    const draft = edited({ 'vip.topPercent': '3' });
    expect(policyFormState(defaultTypePolicy, draft, tag, ['vip.topPercent'])).toMatchObject({ invalidPaths: ['vip.topPercent'], canSave: false });
  });

  it('hold Save back on a decimal comma in English rather than sending ten times the value', () => {
    const state = policyFormState(defaultTypePolicy, edited({ 'atRisk.overdueFactor': '2,5' }), tag);
    expect(state).toMatchObject({ change: {}, invalidPaths: ['atRisk.overdueFactor'], problems: { 'atRisk.overdueFactor': { kind: 'otherDecimal', example: 2.5 } }, canSave: false });
    const indonesian = policyDraft(defaultTypePolicy, intlTagByLocale.id);
    const typed = { ...indonesian, numbers: { ...indonesian.numbers, 'atRisk.overdueFactor': '2,5' } };
    expect(policyFormState(defaultTypePolicy, typed, intlTagByLocale.id)).toMatchObject({ change: { atRisk: { overdueFactor: 2.5 } }, invalidPaths: [], canSave: true });
  });
});
