import { lazy, Suspense, useCallback, useMemo } from 'react';
import type { RfmReport, StoreSummary, TypesReport } from '../../api/analytics-types.js';
import { usePendingEndpoint } from '../../api/use-pending-endpoint.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useRouter } from '../../routes/router.js';
import { LoadingState } from '../../components/loading-state.js';
import { ReportSection } from '../reports/report-section.js';
import { analysisStateOf } from '../reports/analysis-state.js';
import { useEmptyReportText } from '../reports/analysis-notice.js';
import { KeyFigures } from './key-figures.js';
import { describePeriod } from './period-text.js';
import { PeriodPicker, periodQuery } from './period-picker.js';
import { homeSettingsFromSearch, homeSettingsToSearch, type PeriodDays } from './home-settings.js';
import { AlertList } from './alert-list.js';
import { useOpenAlertPages } from './use-open-alert-pages.js';
import { RecentImports } from './recent-imports.js';
import { GettingStarted } from './getting-started.js';
import { useAreStoreSettingsLoading } from '../settings/store-settings-context.js';
import { analysedDayOf, summaryQuery } from '../reports/report-as-of.js';

// The chart brings ECharts; the figures above it should not wait for it.
const TypesChart = lazy(() => import('../reports/types-chart.js').then((module) => ({ default: module.TypesChart })));

export function HomePage() {
  const { t } = useI18n();
  const { search, navigate } = useRouter();
  const settings = useMemo(() => homeSettingsFromSearch(search), [search]);
  // Replace, not push: trying periods one after another should not fill the back button.
  const setDays = useCallback((days: PeriodDays) => navigate(`/${homeSettingsToSearch({ ...settings, days })}`, { replace: true }), [navigate, settings]);
  const types = usePendingEndpoint<TypesReport>('types');
  // the key figures end with the analysis's day, as the reports stand on it (report-as-of.ts)
  const summary = usePendingEndpoint<StoreSummary>('summary', {
    query: summaryQuery(periodQuery(settings.days), types.data?.asOfDay), isEnabled: !types.isLoading && (types.data !== null || types.error !== null),
  });
  // Only an empty types report leaves open whether an analysis ran; the RFM report's date tells (analysis-state.ts).
  const rfm = usePendingEndpoint<RfmReport>('rfm', { isEnabled: types.data?.customers === 0 && types.data.asOf === null });
  const analysis = analysisStateOf(types.data, rfm.data);
  const alerts = useOpenAlertPages(10);
  const noData = t('reports.common.noData');
  const typesEmptyText = useEmptyReportText(analysis, noData);
  // amounts wait for the store's currency: shown before it, "653.947.600" lacks its "Rp"
  const areSettingsLoading = useAreStoreSettingsLoading();
  const isStoreEmpty = summary.data !== null && summary.data !== undefined && summary.data.current.realCustomers === 0 && summary.data.current.leads === 0;
  return (
    <section className="page page-home">
      <header className="page-header">
        <h1>{t('home.title')}</h1>
        <PeriodPicker days={settings.days} onChange={setDays} />
      </header>
      {isStoreEmpty ? <GettingStarted analysis={analysis} /> : null}
      <ReportSection title={t('home.keyFigures')} source={summary} emptyText={noData} asOfDay={(data) => describePeriod(data).lastDay}>
        {(data) => (areSettingsLoading ? <LoadingState /> : <KeyFigures summary={data} />)}
      </ReportSection>
      <div className="home-grid">
        <ReportSection title={t('reports.types.title')} source={types} emptyText={typesEmptyText} isEmpty={(data) => data.customers === 0} asOfDay={(data) => analysedDayOf(data)}>
          {(data) => <Suspense fallback={<LoadingState />}><TypesChart report={data} /></Suspense>}
        </ReportSection>
        {/* no isEmpty: with no open alert the list says so itself and still says where the customers at risk are */}
        <ReportSection title={t('home.openAlerts')} source={alerts} emptyText={t('home.noAlerts')}>
          {(data) => (areSettingsLoading ? <LoadingState /> : (
            <AlertList alerts={data} onAcknowledged={alerts.reload}
              pages={{ hasMore: alerts.hasMore, total: alerts.total, isLoadingMore: alerts.isLoadingMore, error: alerts.pageError, showMore: alerts.showMore }} />
          ))}
        </ReportSection>
      </div>
      <RecentImports />
    </section>
  );
}
