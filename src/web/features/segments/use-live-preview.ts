import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import type { SegmentPreview } from '../../api/target-group-types.js';
import type { FilterProblemDetail } from './filter-problem-text.js';
import type { JsonErrorPlace } from './json-error-place.js';
import { filterProblemsOf, parseFilterText } from './filter-text.js';

export type LivePreview =
  | { status: 'counting' }
  /** `isUpdating`: the text changed and its count is on the way; the number shown is the previous one. */
  | { status: 'counted'; preview: SegmentPreview; isUpdating: boolean }
  | { status: 'invalid-json'; message: string; place: JsonErrorPlace | null }
  /** `filter`: the filter the problems are of, where a problem's value is read when the server does not name it. */
  | { status: 'invalid'; problems: FilterProblemDetail[]; filter: unknown }
  | { status: 'failed'; error: Error };

// Long enough not to count on every keystroke, short enough to feel live.
const debounceMs = 400;

/**
 * Counts the customers a filter text matches, as the text changes: the text is
 * parsed here, checked and counted by the server (POST /api/segments/preview),
 * and an answer for older text is dropped (its request is aborted). In a large
 * store the server answers first with an estimate from a sample, labelled as
 * such; the exact count is asked for straight after and replaces it.
 */
export function useLivePreview(text: string, sampleSize = 5): LivePreview {
  const [state, setState] = useState<LivePreview>({ status: 'counting' });
  useEffect(() => {
    const parsed = parseFilterText(text);
    if (parsed.status === 'invalid-json') {
      setState({ status: 'invalid-json', message: parsed.message, place: parsed.place });
      return;
    }
    const controller = new AbortController();
    setState((previous) => (previous.status === 'counted' ? { ...previous, isUpdating: true } : { status: 'counting' }));
    const timer = window.setTimeout(() => {
      const ask = (count: 'auto' | 'exact') => api.post<SegmentPreview>('/api/segments/preview', { filter: parsed.filter, sample: sampleSize, count }, controller.signal);
      ask('auto')
        .then((preview) => {
          setState({ status: 'counted', preview, isUpdating: preview.isEstimate });
          if (preview.isEstimate) return ask('exact').then((exact) => setState({ status: 'counted', preview: exact, isUpdating: false }));
          return undefined;
        })
        .catch((error: Error) => {
          if (controller.signal.aborted) return;
          const problems = filterProblemsOf(error);
          setState(problems.length > 0 ? { status: 'invalid', problems, filter: parsed.filter } : { status: 'failed', error });
        });
    }, debounceMs);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text, sampleSize]);
  return state;
}
