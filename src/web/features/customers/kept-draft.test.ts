import { describe, expect, it } from 'vitest';
import { keptDraftKey, keptDraftOf, keptDraftText } from './kept-draft.js';

describe('a draft kept across a sign-in', () => {
  it('is keyed by its page', () => {
    expect(keptDraftKey('/customers/new')).toBe('clientele.draft:/customers/new');
    expect(keptDraftKey('/segments/new')).not.toBe(keptDraftKey('/customers/new'));
  });

  it('is given back to the staff member who typed it', () => {
    const draft = { name: 'Wulan', identities: [{ choice: 'external:loyalty_card', system: '', value: 'LC-1' }] };
    expect(keptDraftOf(keptDraftText(5, draft), 5)).toEqual(draft);
  });

  it('is not given to someone else who signs in on the same tab', () => {
    expect(keptDraftOf(keptDraftText(5, { name: 'Wulan' }), 6)).toBeNull();
  });

  it.each([null, '', 'not json', '42', 'null', '{"userId":5}', '{"userId":"5","draft":{}}'])('reads %j as nothing kept', (text) => {
    expect(keptDraftOf(text, 5)).toBeNull();
  });
});
