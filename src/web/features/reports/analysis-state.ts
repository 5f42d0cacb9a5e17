/**
 * Whether an analysis has run, from the reports the app already reads. The types
 * report is dated by the latest analysis even when it found no customers (`asOf`
 * null only before the first); the RFM report's date, from the latest run that
 * scored RFM (src/analytics/rfm.repo.ts, 0 scored on an empty store), is the
 * fallback for a server whose types report was dated by the customers' types only.
 */
export type AnalysedReport = { asOf: string | null; asOfDay?: string | null; customers: number };

export type AnalysisState =
  | { kind: 'unknown' }
  | { kind: 'never' }
  | { kind: 'found-none'; asOfDay: string | null }
  | { kind: 'found-customers' };

/** `rfm` is null while it is not loaded (or not asked for: it is needed only when the types report is empty). */
export function analysisStateOf(types: AnalysedReport | null, rfm: AnalysedReport | null): AnalysisState {
  if (types === null) return { kind: 'unknown' };
  if (types.customers > 0) return { kind: 'found-customers' };
  if (types.asOf !== null) return { kind: 'found-none', asOfDay: types.asOfDay ?? null };
  if (rfm === null) return { kind: 'unknown' };
  if (rfm.asOf !== null) return { kind: 'found-none', asOfDay: rfm.asOfDay ?? null };
  return { kind: 'never' };
}

/** What an empty report says: that nothing was analysed yet, that the analysis found no one, or the report's own text. */
export function emptyReportMessage(state: AnalysisState): { key: string; day?: string } | null {
  if (state.kind === 'never') return { key: 'reports.analysis.never' };
  if (state.kind === 'found-none') return state.asOfDay ? { key: 'reports.analysis.foundNoneOn', day: state.asOfDay } : { key: 'reports.analysis.foundNone' };
  return null;
}

/** What to do next where there is room to say it: import after an analysis that found no one, analyse once never analysed. */
export function analysisNextStep(state: AnalysisState): string | null {
  if (state.kind === 'never') return 'reports.analysis.nextRun';
  if (state.kind === 'found-none') return 'reports.analysis.nextImport';
  return null;
}
