import { describe, expect, it } from 'vitest';
import { analysisNextStep, analysisStateOf, emptyReportMessage } from './analysis-state.js';

// As the API answers on a new store (src/analytics/reports.service.ts), before and after POST /api/analytics/analyze.
const emptyTypes = { asOf: null, asOfDay: null, customers: 0 };
const neverScored = { asOf: null, asOfDay: null, customers: 0 };
const scoredNone = { asOf: '2026-12-02T17:00:00.000Z', asOfDay: '2026-12-02', customers: 0 };

describe('analysisStateOf', () => {
  it('says no analysis has run when neither report is dated', () => {
    expect(analysisStateOf(emptyTypes, neverScored)).toEqual({ kind: 'never' });
  });

  it('says the analysis found no customers when only the RFM report is dated', () => {
    expect(analysisStateOf(emptyTypes, scoredNone)).toEqual({ kind: 'found-none', asOfDay: '2026-12-02' });
  });

  it('takes the day from the types report when it is dated though it counts no one', () => {
    expect(analysisStateOf({ asOf: '2026-11-30T17:00:00.000Z', asOfDay: '2026-11-30', customers: 0 }, null)).toEqual({ kind: 'found-none', asOfDay: '2026-11-30' });
  });

  it('keeps the analysis known without a day when the server sends none', () => {
    expect(analysisStateOf(emptyTypes, { asOf: '2026-12-02T17:00:00.000Z', customers: 0 })).toEqual({ kind: 'found-none', asOfDay: null });
  });

  it('does not decide before the reports are in', () => {
    expect(analysisStateOf(null, scoredNone)).toEqual({ kind: 'unknown' });
    expect(analysisStateOf(emptyTypes, null)).toEqual({ kind: 'unknown' });
  });

  it('needs no RFM report once the types report counts customers', () => {
    expect(analysisStateOf({ asOf: '2026-12-02T17:00:00.000Z', asOfDay: '2026-12-02', customers: 12 }, null)).toEqual({ kind: 'found-customers' });
  });
});

describe('emptyReportMessage', () => {
  it.each([
    [{ kind: 'never' } as const, { key: 'reports.analysis.never' }],
    [{ kind: 'found-none', asOfDay: '2026-12-02' } as const, { key: 'reports.analysis.foundNoneOn', day: '2026-12-02' }],
    [{ kind: 'found-none', asOfDay: null } as const, { key: 'reports.analysis.foundNone' }],
    [{ kind: 'found-customers' } as const, null],
    [{ kind: 'unknown' } as const, null],
  ])('for %j is %j', (state, message) => {
    expect(emptyReportMessage(state)).toEqual(message);
  });
});

describe('analysisNextStep', () => {
  it('asks for an import after an analysis that found no one, and for an analysis before the first', () => {
    expect(analysisNextStep({ kind: 'found-none', asOfDay: '2026-12-02' })).toBe('reports.analysis.nextImport');
    expect(analysisNextStep({ kind: 'never' })).toBe('reports.analysis.nextRun');
  });

  it('has nothing to add once customers are analysed or while unknown', () => {
    expect(analysisNextStep({ kind: 'found-customers' })).toBeNull();
    expect(analysisNextStep({ kind: 'unknown' })).toBeNull();
  });
});
