import { useState } from 'react';
import { api } from '../../api/client.js';
import { useApiCatalog } from '../../api/api-catalog.js';
import type { AnalyzeResult } from '../../api/analytics-types.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { analysisDoneText } from './analysis-done-text.js';

const analyzePath = '/api/analytics/analyze';

type RunState = { status: 'idle' } | { status: 'running'; startedAt: number } | { status: 'done'; result: AnalyzeResult } | { status: 'failed'; error: Error };

/** Recomputes types, RFM and alerts for everyone (POST /api/analytics/analyze); shown only to those who may. */
export function RunAnalysis({ onFinished }: { onFinished: () => void }) {
  const { t, format, locale } = useI18n();
  const { can } = useSession();
  const catalog = useApiCatalog();
  const [state, setState] = useState<RunState>({ status: 'idle' });
  if (!can('analytics:write') || !catalog.has('POST', analyzePath)) return null;
  const isRunning = state.status === 'running';
  const run = () => {
    if (isRunning) return;
    setState({ status: 'running', startedAt: Date.now() });
    api.post<AnalyzeResult>(analyzePath, {})
      .then((result) => { setState({ status: 'done', result }); onFinished(); })
      .catch((error: Error) => setState({ status: 'failed', error }));
  };
  return (
    <div className="run-analysis">
      {/* aria-disabled, not disabled, while it runs: a disabled button drops the keyboard's focus to the page's start */}
      <button type="button" className="button-secondary" onClick={run} aria-disabled={isRunning}>
        {isRunning ? t('reports.analyze.running') : t('reports.analyze.start')}
      </button>
      <div className="run-analysis-status" role="status" aria-live="polite">
        {state.status === 'running' ? <progress aria-label={t('reports.analyze.running')} /> : null}
        {state.status === 'done' ? (
          <span className="small">
            {analysisDoneText(state.result, t, format, locale)}
          </span>
        ) : null}
      </div>
      {state.status === 'failed' ? <ErrorMessage error={state.error} /> : null}
    </div>
  );
}
