import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { ImportRun } from '../../api/types.js';
import { useAreStoreSettingsLoading } from '../settings/store-settings-context.js';
import { ImportFileName } from './import-file-name.js';

/**
 * Tells staff how fresh the data behind every figure is. The times wait for the store's settings: the
 * app's formatters are in the store's time zone once they have come, and shown before them the times were
 * in the browser's zone and jumped to the store's (19:37 → 00:37).
 */
export function RecentImports() {
  const { t } = useI18n();
  const runs = useApiData<{ items: ImportRun[] }>('/api/imports', { limit: 5 });
  const areSettingsLoading = useAreStoreSettingsLoading();
  const hasRuns = runs.data !== null && runs.data.items.length > 0;
  return (
    <section className="card" aria-labelledby="recent-imports-title">
      <header className="card-header"><h2 id="recent-imports-title">{t('home.recentImports')}</h2></header>
      {runs.isLoading || (hasRuns && areSettingsLoading) ? <LoadingState /> : null}
      {runs.error ? <ErrorMessage error={runs.error} /> : null}
      {runs.data && runs.data.items.length === 0 ? <p className="muted">{t('home.noImports')}</p> : null}
      {runs.data && hasRuns && !areSettingsLoading ? <RecentImportsTable runs={runs.data.items} /> : null}
    </section>
  );
}

/** The last five runs, started when the app's formatters say: in the store's time zone, as every time the app shows. */
export function RecentImportsTable({ runs }: { runs: readonly ImportRun[] }) {
  const { t, format } = useI18n();
  return (
    <div className="table-scroll recent-imports-scroll">
      <table className="data-table recent-imports-table">
        <thead>
          <tr>
            <th scope="col">{t('imports.started')}</th>
            <th scope="col">{t('imports.entity')}</th>
            <th scope="col">{t('imports.file')}</th>
            <th scope="col" className="numeric">{t('imports.read')}</th>
            <th scope="col" className="numeric">{t('imports.inserted')}</th>
            <th scope="col" className="numeric">{t('imports.updated')}</th>
            <th scope="col" className="numeric">{t('imports.unchanged')}</th>
            <th scope="col" className="numeric">{t('imports.newOrders')}</th>
            <th scope="col" className="numeric">{t('imports.rejected')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.slice(0, 5).map((run) => (
            <tr key={run.import_id}>
              <td>{format.dateTime(run.started_at)}</td>
              <td>{t(`entities.${run.entity}`)}</td>
              {/* a file sent by the web app or the CLI is one run; an API batch sent alone has no file */}
              <td>
                <ImportFileName fileName={run.file_name} />
                {run.status === 'completed' ? null : <span className={`badge import-status ${run.status === 'running' ? 'badge-lead' : 'badge-warning'}`}>{t(`imports.statuses.${run.status}`)}</span>}
              </td>
              <td className="numeric" data-label={t('imports.read')}>{format.number(run.read_count)}</td>
              <td className="numeric" data-label={t('imports.inserted')}>{format.number(run.inserted_count)}</td>
              {/* a re-import finds its rows again: without these two they would seem to vanish */}
              <td className="numeric" data-label={t('imports.updated')}>{format.number(run.updated_count)}</td>
              <td className="numeric" data-label={t('imports.unchanged')}>{format.number(run.unchanged_count)}</td>
              {/* rows are not orders: an orders export holds a row per line */}
              <td className="numeric" data-label={t('imports.newOrders')}>{run.order_inserted_count === null ? '—' : format.number(run.order_inserted_count)}</td>
              <td className="numeric" data-label={t('imports.rejected')}>{format.number(run.rejected_count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
