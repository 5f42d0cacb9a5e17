import { describe, expect, it } from 'vitest';
import { typeTagsToShow } from './type-tags.js';

describe('typeTagsToShow', () => {
  it('shows the primary type, then the next types in their order, and counts the rest', () => {
    expect(typeTagsToShow(['at_risk', 'vip', 'loyal'], 'at_risk', '')).toEqual({ shown: ['at_risk', 'vip'], hidden: ['loyal'] });
  });

  it('brings the filtered type beside the primary one, wherever it stood', () => {
    expect(typeTagsToShow(['at_risk', 'vip', 'loyal'], 'at_risk', 'loyal')).toEqual({ shown: ['at_risk', 'loyal'], hidden: ['vip'] });
  });

  it('shows the filtered type when the row has room for one tag only, counting the primary type', () => {
    expect(typeTagsToShow(['at_risk', 'vip', 'loyal'], 'at_risk', 'vip', 1)).toEqual({ shown: ['vip'], hidden: ['at_risk', 'loyal'] });
    expect(typeTagsToShow(['at_risk', 'vip'], 'at_risk', '', 1)).toEqual({ shown: ['at_risk'], hidden: ['vip'] });
  });

  it('shows the filtered type once when it is the primary type', () => {
    expect(typeTagsToShow(['vip', 'regular'], 'vip', 'vip')).toEqual({ shown: ['vip', 'regular'], hidden: [] });
  });

  it('ignores a filter the customer does not match, and a list without its primary type', () => {
    expect(typeTagsToShow(['new'], 'new', 'vip')).toEqual({ shown: ['new'], hidden: [] });
    expect(typeTagsToShow([], 'lead', '')).toEqual({ shown: ['lead'], hidden: [] });
    expect(typeTagsToShow([], null, '')).toEqual({ shown: [], hidden: [] });
  });
});
