import { describe, expect, it } from 'vitest';
import { defaultSourceChoice } from './import-source.js';

describe('the source a file is sent under when the user chose none', () => {
  it('is the format\'s own source for a format\'s file', () => {
    expect(defaultSourceChoice('online-retail', [{ source: 'web', ids: 20 }])).toEqual({ source: 'online-retail', isNew: true });
    expect(defaultSourceChoice('online-retail', [{ source: 'online-retail', ids: 279 }, { source: 'web', ids: 20 }])).toEqual({ source: 'online-retail', isNew: false });
  });

  it('does not follow a format\'s source for a file of the store\'s own columns, even when it holds the most ids', () => {
    expect(defaultSourceChoice(null, [{ source: 'online-retail', ids: 279 }, { source: 'web', ids: 20 }])).toEqual({ source: 'web', isNew: false });
    expect(defaultSourceChoice(null, [{ source: 'shopify', ids: 900 }, { source: 'online-retail', ids: 279 }, { source: 'pos', ids: 3 }])).toEqual({ source: 'pos', isNew: false });
  });

  it('is a new source when only formats brought ids, and the one most ids come from otherwise', () => {
    expect(defaultSourceChoice(null, [{ source: 'online-retail', ids: 279 }])).toEqual({ source: 'web', isNew: true });
    expect(defaultSourceChoice(null, [])).toEqual({ source: 'web', isNew: true });
    expect(defaultSourceChoice(null, [{ source: 'pos', ids: 50 }, { source: 'web', ids: 20 }])).toEqual({ source: 'pos', isNew: false });
  });
});
