import { describe, expect, it } from 'vitest';
import { allowedOperators } from '../../../segments/filter-schema.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { comparisonInputOf, emptyDraft, valueKindOf } from './comparison-input.js';
import { builderOperatorsOf, choicesOf } from './field-kinds.js';
import { buildComparison } from './filter-text.js';

const english = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);
// as GET /api/segments/fields lists it once personas were discovered
const persona = { name: 'persona', type: 'text' as const, operators: [...allowedOperators.text], choices: ['Bargain hunters', 'Office buyers'] };
const amountFormat = { tag: 'en-GB', minorPerMajor: 100 };

describe('a field whose values the store lists (persona names)', () => {
  it('offers the names as they are written, and free text while the store lists none', () => {
    expect(choicesOf(english, persona)).toEqual([{ value: 'Bargain hunters', label: 'Bargain hunters' }, { value: 'Office buyers', label: 'Office buyers' }]);
    expect(choicesOf(english, { ...persona, choices: undefined })).toBeNull();
    expect(valueKindOf({ ...persona, choices: undefined }, 'eq')).toBe('text');
  });

  it('asks for one name, or ticks for several, and builds the condition from them', () => {
    expect(valueKindOf(persona, 'eq')).toBe('choice');
    expect(valueKindOf(persona, 'in')).toBe('choices');
    expect(buildComparison(comparisonInputOf(persona, 'eq', emptyDraft, 'Bargain hunters', amountFormat))).toEqual({ condition: { field: 'persona', op: 'eq', value: 'Bargain hunters' } });
    expect(builderOperatorsOf(persona)).not.toContain('starts_with');
  });
});
