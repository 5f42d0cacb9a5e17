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

// "channel" is a purchase's channel (a purchased condition's key, or the orders per channel), not
// first_interest_channel, which merely has the word in its name
it.each(['channel', 'Channel', 'channels', 'purchase channel', 'order_channel', 'sales-channel'])('suggests for "%s" the purchase channel', (typed) => {
  expect(suggestionFor(typed)).toBe('purchased.channel');
});

it('says where a purchase channel is asked, and the fields counting orders per channel', () => {
  const { message } = checkFilter({ field: 'channel', op: 'eq', value: 'web' }).problems[0];
  expect(message).toContain('did you mean "purchased.channel"?');
  expect(message).toContain('{"purchased": {"channel": ["web"]}}');
  for (const field of ['store_order_count', 'web_order_count', 'mobile_order_count', 'marketplace_order_count', 'phone_order_count', 'other_order_count']) expect(message).toContain(field);
  expect(message).not.toContain('first_interest_channel');
  // the channel of interest is still found by its own words
  expect(suggestionFor('interest channel')).toBe('first_interest_channel');
});
