import type { SegmentPreview } from '../../api/target-group-types.js';
import type { LivePreview } from './use-live-preview.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { CustomerLink } from './customer-link.js';

/** The live count, or why there is none: the JSON does not parse, or the server lists what is wrong. */
export function PreviewPanel({ preview, problemsId }: { preview: LivePreview; problemsId: string }) {
  const { t, format } = useI18n();
  return (
    <Card title={t('segments.preview')} className="preview-panel">
      <div id={problemsId} role="status" aria-live="polite" aria-atomic="true">
        {preview.status === 'counting' ? <p className="loading-state">{t('segments.counting')}</p> : null}
        {preview.status === 'counted' ? <PreviewCount preview={preview.preview} isUpdating={preview.isUpdating} /> : null}
        {preview.status === 'invalid-json' ? (
          <div className="filter-problems">
            <p className="inline-error">{t('segments.notJson')}</p>
            <p className="small" lang="en">{preview.message}</p>
          </div>
        ) : null}
        {preview.status === 'invalid' ? (
          <div className="filter-problems">
            <p className="inline-error">{t('segments.problems', { count: preview.problems.length })}</p>
            <ul>
              {preview.problems.map((problem) => <li key={`${problem.path}:${problem.message}`}><code>{problem.path}</code>: <span lang="en">{problem.message}</span></li>)}
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
  const { t, format } = useI18n();
  const numbers = { count: format.number(preview.count), total: format.number(preview.total) };
  return (
    <div className={isUpdating ? 'preview-count is-updating' : 'preview-count'}>
      <p className="preview-number">{preview.isEstimate ? t('segments.estimateCount', numbers) : t('segments.previewCount', numbers)}</p>
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
