import { lazy, Suspense, useState } from 'react';
import type { AlertsPage, StoreSummary, TypesReport } from '../../api/analytics-types.js';
import { usePendingEndpoint } from '../../api/use-pending-endpoint.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { LoadingState } from '../../components/loading-state.js';
import { ReportSection } from '../reports/report-section.js';
import { KeyFigures } from './key-figures.js';
import { PeriodPicker, periodQuery, type PeriodDays } from './period-picker.js';
import { AlertList } from './alert-list.js';
import { RecentImports } from './recent-imports.js';
import { GettingStarted } from './getting-started.js';

// The chart brings ECharts; the figures above it should not wait for it.
const TypesChart = lazy(() => import('../reports/types-chart.js').then((module) => ({ default: module.TypesChart })));

export function HomePage() {
  const { t } = useI18n();
  const [days, setDays] = useState<PeriodDays>(30);
  const summary = usePendingEndpoint<StoreSummary>('summary', { query: periodQuery(days) });
  const types = usePendingEndpoint<TypesReport>('types');
  const alerts = usePendingEndpoint<AlertsPage>('alerts', { query: { status: 'open', limit: 10 } });
  const noData = t('reports.common.noData');
  const isStoreEmpty = summary.data !== null && summary.data !== undefined && summary.data.current.realCustomers === 0 && summary.data.current.leads === 0;
  return (
    <section className="page page-home">
      <header className="page-header">
        <h1>{t('home.title')}</h1>
        <PeriodPicker days={days} onChange={setDays} />
      </header>
      {isStoreEmpty ? <GettingStarted /> : null}
      <ReportSection title={t('home.keyFigures')} source={summary} emptyText={noData}>
        {(data) => <KeyFigures summary={data} />}
      </ReportSection>
      <div className="home-grid">
        <ReportSection title={t('reports.types.title')} source={types} emptyText={noData} isEmpty={(data) => data.customers === 0}>
          {(data) => <Suspense fallback={<LoadingState />}><TypesChart report={data} /></Suspense>}
        </ReportSection>
        <ReportSection title={t('home.openAlerts')} source={alerts} emptyText={t('home.noAlerts')} isEmpty={(data) => data.alerts.length === 0}>
          {(data) => <AlertList alerts={data.alerts} onAcknowledged={alerts.reload} />}
        </ReportSection>
      </div>
      <RecentImports />
    </section>
  );
}
