import { describe, expect, it } from 'vitest';
import { listReturnPath } from './list-return.js';

const origin = 'https://crm.example';

describe('listReturnPath', () => {
  it.each([
    ['the list searched, then a customer', [`${origin}/customers?q=rina+lim`, `${origin}/customers/42`], 1, '/customers?q=rina+lim'],
    ['filters kept as they were', [`${origin}/customers?type=loyal&sort=-revenue`, `${origin}/customers/42`], 1, '/customers?type=loyal&sort=-revenue'],
    ['another customer between (the merged one)', [`${origin}/customers?q=rina`, `${origin}/customers/42`, `${origin}/customers/7`], 2, '/customers?q=rina'],
    ['the nearest list of several', [`${origin}/customers?q=old`, `${origin}/customers/1`, `${origin}/customers?q=new`, `${origin}/customers/2`], 3, '/customers?q=new'],
    ['a list after this page does not count', [`${origin}/customers/42`, `${origin}/customers?q=later`], 0, '/customers'],
    ['the page opened from a link', [`${origin}/segments`, `${origin}/customers/42`], 1, '/customers'],
    ['no history known', [], 0, '/customers'],
    ['an entry of another origin (no url)', [null, `${origin}/customers/42`], 1, '/customers'],
  ])('goes back to the right list for %s', (_case, entries, current, expected) => {
    expect(listReturnPath(entries, current)).toBe(expected);
  });
});
