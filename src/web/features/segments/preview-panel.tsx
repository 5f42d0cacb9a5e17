import type { SegmentPreview } from '../../api/target-group-types.js';
import type { LivePreview } from './use-live-preview.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { pluralKey } from '../../i18n/plural.js';
import { CustomerLink } from './customer-link.js';
import { describeFilterProblem, jsonErrorText } from './filter-problem-text.js';

/** The live count, or why there is none: the JSON does not parse, or the server lists what is wrong. */
export function PreviewPanel({ preview, problemsId }: { preview: LivePreview; problemsId: string }) {
  const { t, format, locale } = useI18n();
  return (
    <Card title={t('segments.preview')} className="preview-panel">
      <div id={problemsId} role="status" aria-live="polite" aria-atomic="true">
        {preview.status === 'counting' ? <p className="loading-state">{t('segments.counting')}</p> : null}
        {preview.status === 'counted' ? <PreviewCount preview={preview.preview} isUpdating={preview.isUpdating} /> : null}
        {preview.status === 'invalid-json' ? (
          <div className="filter-problems">
            <p className="inline-error">{t('segments.notJson')}</p>
            {/* the browser words its JSON errors in English: the place in the user's words, the browser's beside it for support */}
            {preview.place ? (
              <>
                <p className="small">{jsonErrorText(preview.place, t)}</p>
                <details className="error-original"><summary>{t('errors.original')}</summary><span lang="en">{preview.message}</span></details>
              </>
            ) : <p className="small" lang="en">{preview.message}</p>}
          </div>
        ) : null}
        {preview.status === 'invalid' ? (
          <div className="filter-problems">
            <p className="inline-error">{t(pluralKey(locale, 'segments.problems', preview.problems.length), { count: format.number(preview.problems.length) })}</p>
            <ul>
              {preview.problems.map((problem) => {
                const text = describeFilterProblem(problem, t, locale, preview.filter);
                return (
                  <li key={`${problem.path}:${problem.message}`}>
                    {problem.path ? <><code>{problem.path}</code>: </> : null}
                    <span lang={text.lang} title={text.original ?? undefined}>{text.text}</span>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
      </div>
      {preview.status === 'failed' ? <ErrorMessage error={preview.error} /> : null}
      {preview.status === 'counted' && preview.preview.sample.length > 0 ? (
        <>
          <h3>{t('segments.sample')}</h3>
          <ul className="preview-sample">
            {preview.preview.sample.map((customer) => <li key={customer.customer_id}><CustomerLink customer={customer} />{customer.city ? <span className="muted"> · {customer.city}</span> : null}</li>)}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

/** The count, or an estimate said to be one, with its interval and sample, until the exact count replaces it. */
function PreviewCount({ preview, isUpdating }: { preview: SegmentPreview; isUpdating: boolean }) {
  const { t, format, locale } = useI18n();
  const numbers = { count: format.number(preview.count), total: format.number(preview.total) };
  // "customers" goes with the total: "1 of 1 customer", "3 of 21 klienta" (Latvian's one form)
  const key = pluralKey(locale, preview.isEstimate ? 'segments.estimateCount' : 'segments.previewCount', preview.total);
  return (
    <div className={isUpdating ? 'preview-count is-updating' : 'preview-count'}>
      <p className="preview-number">{t(key, numbers)}</p>
      {preview.isEstimate && preview.interval ? (
        <p className="small">
          {t('segments.estimateInterval', { low: format.number(preview.interval.low), high: format.number(preview.interval.high), sampled: format.number(preview.sampledCustomers ?? 0) })}
        </p>
      ) : null}
      <p className="muted small">
        {t('segments.previewShare', { share: format.percent(preview.share) })} · {t('segments.previewSeconds', { seconds: format.number(preview.seconds, 2) })}
        {isUpdating ? ` · ${preview.isEstimate ? t('segments.countingExactly') : t('segments.updating')}` : ''}
      </p>
    </div>
  );
}
