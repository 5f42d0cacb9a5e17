import { expect, it } from 'vitest';
import { checkFilter } from './filter-schema.js';

const suggestionFor = (field: string) => {
  const [problem] = checkFilter({ field, op: 'eq', value: 'x' }).problems;
  expect(problem.kind).toBe('unknown_field');
  return problem.params.suggestion ?? null;
};

it.each([
  // the start of a field's name, though "name" is fewer edits away
  ['rfm', 'rfm_segment'],
  ['RFM', 'rfm_segment'],
  ['churn', 'churn_risk'],
  ['clv', 'clv_minor'],
  // a word of a field's name
  ['segment', 'rfm_segment'],
  ['profiling', 'consent_profiling'],
  // the same words spelled another way
  ['rfmSegment', 'rfm_segment'],
  ['days since last purchase', 'days_since_last_purchase'],
  // a typo still finds its field
  ['agee', 'age'],
  ['citty', 'city'],
  ['emial', 'email'],
])('suggests for "%s" the field %s', (typed, field) => {
  expect(suggestionFor(typed)).toBe(field);
});

it.each(['colour', 'xyz', 'r'])('suggests nothing for "%s", which is no part or typo of a field', (typed) => {
  expect(suggestionFor(typed)).toBeNull();
});

it('says the suggestion in the message', () => {
  expect(checkFilter({ field: 'rfm', op: 'eq', value: 'Champions' }).problems[0].message).toContain('did you mean "rfm_segment"?');
});
