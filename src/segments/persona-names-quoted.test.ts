import { describe, expect, it } from 'vitest';
import { checkFilter } from './filter-schema.js';

// Generated persona names hold commas ("young low-spend small-basket, coffee"): a list joined by commas alone reads as more names.
describe('the names a refused persona name is told to choose from', () => {
  const personas = ['young low-spend small-basket, coffee', 'Office buyers'];

  it('quotes each name, so a comma inside a name reads as part of it', () => {
    const [problem] = checkFilter({ field: 'persona', op: 'eq', value: 'coffee' }, { storeLists: { persona: personas } }).problems;
    expect(problem).toMatchObject({ kind: 'not_one_of', params: { allowed: personas, value: 'coffee' } });
    expect(problem!.message).toContain('use one of: "young low-spend small-basket, coffee", "Office buyers"');
  });

  it('leaves a list of codes as it was: "use one of: store, web, …"', () => {
    const [problem] = checkFilter({ purchased: { channel: 'telepathy' } }).problems;
    expect(problem!.message).toContain('use one of: store, web, mobile');
  });
});
