import { describe, expect, it } from 'vitest';
import { completeCategory, suggestCategories, typedCategories, unknownCategories } from './category-names.js';
import { buildPurchase } from './filter-text.js';

// most customers first, as GET /api/categories lists them
const store = ['coffee', 'pastry', 'tea', 'Bread', 'beans', 'cake'];

describe('typedCategories', () => {
  it.each([
    ['coffee', ['coffee']],
    [' coffee ,tea, ', ['coffee', 'tea']],
    [',, ,', []],
    ['', []],
  ])('reads %j as the names %j, as the purchase condition does', (text, names) => {
    expect(typedCategories(text)).toEqual(names);
    const built = buildPurchase({ category: text, days: '', atLeast: '' });
    expect('condition' in built ? (built.condition.purchased as { category?: string[] }).category ?? [] : null).toEqual(names);
  });
});

describe('unknownCategories', () => {
  it.each([
    ['coffee, tea', []],
    // the filter compares lower-case names: "COFFEE" finds the coffee buyers
    ['COFFEE, bread', []],
    ['coffee, xyz', ['xyz']],
    ['xyz', ['xyz']],
    // a part of a name is not the name: the filter compares whole names
    ['cof, tea', ['cof']],
    ['Xyz, xyz, XYZ,', ['Xyz']],
    // the name still being typed waits while a category contains it…
    ['coffee, pas', []],
    ['coffee, stry', []],
    // …and counts once the comma after it is typed
    ['coffee, pas,', ['pas']],
    ['', []],
  ])('in %j finds %j unknown', (text, unknown) => {
    expect(unknownCategories(text, store)).toEqual(unknown);
  });

  it('finds every name unknown in a store where nobody bought anything', () => {
    expect(unknownCategories('coffee, tea,', [])).toEqual(['coffee', 'tea']);
  });
});

describe('suggestCategories', () => {
  it.each([
    ['', store],
    ['b', ['Bread', 'beans']],
    // names it begins first, then names it occurs in
    ['t', ['tea', 'pastry']],
    ['coffee, B', ['Bread', 'beans']],
    // a name already in the field is not offered again, in any case
    ['BREAD, b', ['beans']],
    ['coffee, ', ['pastry', 'tea', 'Bread', 'beans', 'cake']],
    ['xyz', []],
  ])('for %j offers %j', (text, suggestions) => {
    expect(suggestCategories(text, store)).toEqual(suggestions);
  });

  it('offers at most the limit', () => {
    expect(suggestCategories('', store, 2)).toEqual(['coffee', 'pastry']);
  });
});

describe('completeCategory', () => {
  it.each([
    ['', 'coffee', 'coffee, '],
    ['cof', 'coffee', 'coffee, '],
    ['tea,pas', 'pastry', 'tea, pastry, '],
    ['tea, ', 'pastry', 'tea, pastry, '],
  ])('completes %j with %j as %j', (text, category, completed) => {
    expect(completeCategory(text, category)).toEqual(completed);
  });
});
