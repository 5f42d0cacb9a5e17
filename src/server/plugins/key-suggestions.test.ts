import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acceptedKeysAt, suggestAcceptedKey, unknownKeyHint } from './key-suggestions.js';

describe('suggestAcceptedKey', () => {
  const accepted = ['name', 'email', 'birthYear', 'incomeBand', 'consentEmail', 'id'];
  const cases: Array<[string, string | null]> = [
    ['birth_year', 'birthYear'],
    ['BirthYear', 'birthYear'],
    ['birth-year', 'birthYear'],
    ['INCOME_BAND', 'incomeBand'],
    ['emial', 'email'],
    ['birthyaer', 'birthYear'],
    ['consent_emails', 'consentEmail'],
    ['nmae', 'name'],
    ['a', null],
    ['xy', null],
    ['favouriteColour', null],
    ['birth_date', null],
  ];
  it.each(cases)('suggests for %s: %s', (unknown, expected) => {
    expect(suggestAcceptedKey(unknown, accepted)).toBe(expected);
  });

  it('prefers the key that is the same word over a nearer spelling', () => {
    expect(suggestAcceptedKey('user_id', ['userId', 'userIds'])).toBe('userId');
  });
});

describe('acceptedKeysAt', () => {
  const schema = z.strictObject({
    name: z.string(),
    identities: z.array(z.strictObject({ kind: z.string(), value: z.string() })).optional(),
    filter: z.union([z.strictObject({ and: z.array(z.unknown()) }), z.strictObject({ field: z.string(), op: z.string() })]),
  }).refine(() => true);

  it('reads the keys of the object at a path, through arrays, optionals, refinements and unions', () => {
    expect(acceptedKeysAt(schema, [])).toEqual(['name', 'identities', 'filter']);
    expect(acceptedKeysAt(schema, ['identities', '0'])).toEqual(['kind', 'value']);
    expect(acceptedKeysAt(schema, ['filter'])).toEqual(['and', 'field', 'op']);
    expect(acceptedKeysAt(schema, ['name'])).toEqual([]);
    expect(acceptedKeysAt(undefined, [])).toEqual([]);
  });
});

describe('unknownKeyHint', () => {
  const schema = z.strictObject({ birthYear: z.number(), identities: z.array(z.strictObject({ namespace: z.string() })) });

  it('looks at no more than 20 unknown keys, however many a body sends', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    // 676 different near misses of birthYear, two letters too many each
    const keys = [...letters].flatMap((first) => [...letters].map((second) => `birthyear${first}${second}`));
    const issues = [{ keyword: 'unrecognized_keys', instancePath: '/', params: { keys: ['birthyear', ...Array.from({ length: 25 }, () => 'x'), 'BIRTH_YEAR'] } }];
    expect(unknownKeyHint(issues, schema)?.suggestions).toEqual({ birthyear: 'birthYear' });
    const many = unknownKeyHint([{ keyword: 'unrecognized_keys', instancePath: '/', params: { keys } }], schema);
    expect(Object.keys(many?.suggestions ?? {})).toEqual(keys.slice(0, 20));
  });

  it('compares no key longer than any accepted one could be', () => {
    expect(suggestAcceptedKey(`birthYear${'x'.repeat(100)}`, ['birthYear'])).toBeNull();
    expect(suggestAcceptedKey('b'.repeat(65), ['b'.repeat(64)])).toBeNull();
  });

  it('says which accepted key each unknown one means, nested ones too', () => {
    const issues = [
      { keyword: 'unrecognized_keys', instancePath: '/', params: { keys: ['birth_year', 'shoeSize'] } },
      { keyword: 'unrecognized_keys', instancePath: '/identities/0', params: { keys: ['name_space'] } },
    ];
    expect(unknownKeyHint(issues, schema)).toEqual({
      hint: 'Use "birthYear" instead of "birth_year" and "namespace" instead of "name_space".',
      suggestions: { birth_year: 'birthYear', name_space: 'namespace' },
    });
  });

  it('says nothing when no accepted key comes close, or the issue is another kind', () => {
    expect(unknownKeyHint([{ keyword: 'unrecognized_keys', instancePath: '/', params: { keys: ['shoeSize'] } }], schema)).toBeNull();
    expect(unknownKeyHint([{ keyword: 'invalid_type', instancePath: '/birthYear', params: {} }], schema)).toBeNull();
  });
});
