import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { nameTakenParts, segmentNameProblem, segmentNameRefusal } from './segment-name-problem.js';

const tIn = (locale: 'en' | 'id' | 'lv') => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const locales = ['en', 'id', 'lv'] as const;
// as the server refuses a taken name: its English message gives the CLI and API commands, for its other readers
const taken = (details: Record<string, unknown>) => new ApiError(409, 'SEGMENT_NAME_EXISTS',
  'A segment named "VIPs" already exists (#1) (names differing only in case are the same name): choose another name, or change segment #1 instead (`clientele segments update 1 --filter …`, or PATCH /api/segments/1), or delete it (`clientele segments delete 1`, or DELETE /api/segments/1) first.', 'name', details);

describe('a segment name left empty', () => {
  it('is asked for under the Name field before anything is sent, in all three languages', () => {
    for (const name of ['', '   ', '\t']) expect(segmentNameProblem(name)).toEqual({ kind: 'missing', key: 'segments.nameProblems.missing' });
    expect(locales.map((locale) => tIn(locale)('segments.nameProblems.missing')))
      .toEqual(['Enter a name for the segment.', 'Masukkan nama untuk segmen.', 'Ievadiet segmenta nosaukumu.']);
    expect(segmentNameProblem(' VIPs ')).toBeNull();
  });

  it('marks the field as required in words in all three languages', () => {
    expect(locales.map((locale) => tIn(locale)('segments.nameRequired'))).toEqual(['required', 'wajib', 'obligāts']);
  });

  it('is said in the same words when the server refuses it (SEGMENT_NAME_INVALID), and a name of digits in the code\'s words', () => {
    const invalid = new ApiError(400, 'SEGMENT_NAME_INVALID', 'A segment needs a name: give one with a letter in it.', 'name');
    expect(segmentNameRefusal(invalid, '  ')).toEqual({ kind: 'missing', key: 'segments.nameProblems.missing' });
    expect(segmentNameRefusal(invalid, '42')).toEqual({ kind: 'invalid', key: 'errors.codes.SEGMENT_NAME_INVALID' });
  });
});

describe('a segment name another segment has', () => {
  it('names that segment under the field, linked to its page, with no CLI or API commands, in all three languages', () => {
    const problem = segmentNameRefusal(taken({ segmentId: 1, existingName: 'VIPs' }), 'vips');
    expect(problem).toEqual({ kind: 'taken', key: 'segments.nameProblems.taken', segmentId: 1, existingName: 'VIPs' });
    const said = locales.map((locale) => nameTakenParts(problem as Extract<typeof problem, { kind: 'taken' }>, tIn(locale)));
    expect(said.map(({ before, name, after }) => `${before}${name}${after}`)).toEqual([
      'Another segment is already called “VIPs”.', 'Segmen lain sudah bernama “VIPs”.', 'Citam segmentam jau ir nosaukums “VIPs”.',
    ]);
    // the link is the quoted name, to the segment's page in the app
    for (const parts of said) expect(parts).toMatchObject({ name: '“VIPs”', after: '.', to: '/segments/1' });
    for (const parts of said) expect(Object.values(parts).join('')).not.toMatch(/clientele|PATCH|DELETE|\/api\//);
  });

  it('takes the name typed when the server does not send the name as saved (the same ignoring case)', () => {
    expect(segmentNameRefusal(taken({ segmentId: 3 }), ' VIPS ')).toMatchObject({ kind: 'taken', segmentId: 3, existingName: 'VIPS' });
  });

  it('leaves any other refusal to the page\'s error message', () => {
    expect(segmentNameRefusal(taken({}), 'VIPs')).toBeNull();
    expect(segmentNameRefusal(new ApiError(400, 'SEGMENT_FILTER_INVALID', 'bad filter'), 'VIPs')).toBeNull();
    expect(segmentNameRefusal(new TypeError('Failed to fetch'), 'VIPs')).toBeNull();
  });
});
