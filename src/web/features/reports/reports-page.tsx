import { useCallback, useMemo } from 'react';
import type { AlertsPage, CohortsReport, LifecycleReport, RevenueTrend, RfmReport, SegmentsPage, TypeMigration, TypesReport } from '../../api/analytics-types.js';
import { usePendingEndpoint } from '../../api/use-pending-endpoint.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ReportSection } from './report-section.js';
import { RfmGridChart } from './rfm-grid-chart.js';
import { SegmentChart } from './segment-chart.js';
import { FunnelChart } from './funnel-chart.js';
import { CohortHeatmap } from './cohort-heatmap.js';
import { NoOrdersInTrend, RevenueTrendChart } from './revenue-trend-chart.js';
import { hasNoOrders } from './revenue-trend-option.js';
import { TypeSankeyChart } from './type-sankey-chart.js';
import { TypesChart } from './types-chart.js';
import { NoSavedSegments, SavedSegmentsChart } from './saved-segments-chart.js';
import { RunAnalysis } from './run-analysis.js';
import { useRouter } from '../../routes/router.js';
import { granularities, migrationChoices, reportSettingsFromSearch, reportSettingsToSearch, type ReportSettings } from './report-settings.js';
import { migrationQuery } from './migration-range.js';
import { hasTypeMigrationContent } from './type-migration-notes.js';
import { analysisStateOf } from './analysis-state.js';
import { AnalysisNotice, useEmptyReportText } from './analysis-notice.js';
import { analysedDayOf, dataEndDayOf, trendLastDay, trendQuery } from './report-as-of.js';
import { useStoreSettings } from '../settings/store-settings-context.js';
import { AlertHistoryCard } from './alert-history-card.js';
import { useAlertPages } from '../home/use-open-alert-pages.js';

export function ReportsPage() {
  const { t } = useI18n();
  const { search, navigate } = useRouter();
  const settings = useMemo(() => reportSettingsFromSearch(search), [search]);
  const { granularity, migrationDays, alerts: alertFilter } = settings;
  // Replace, not push, as on Home and the customer list: each choice is a view of the same page, not a step to go back through.
  const changeSettings = (change: Partial<ReportSettings>) => navigate(`/reports${reportSettingsToSearch({ ...settings, ...change })}`, { replace: true });
  const rfm = usePendingEndpoint<RfmReport>('rfm');
  const types = usePendingEndpoint<TypesReport>('types');
  const lifecycle = usePendingEndpoint<LifecycleReport>('lifecycle');
  const cohorts = usePendingEndpoint<CohortsReport>('cohorts');
  // up to the analysis's day, as the lifecycle funnel and the cohorts are by default (report-as-of.ts)
  const isTypesSettled = !types.isLoading && (types.data !== null || types.error !== null);
  const trend = usePendingEndpoint<RevenueTrend>('revenueTrend', { query: trendQuery(granularity, types.data?.asOfDay), isEnabled: isTypesSettled });
  const storeSettings = useStoreSettings();
  const alerts = usePendingEndpoint<AlertsPage>('alerts', { query: { status: 'all', kind: 'metric_drop', limit: 500 } });
  const migrationRange = migrationQuery(types.data?.asOfDay, migrationDays);
  const migration = usePendingEndpoint<TypeMigration>('typeMigration', { query: migrationRange ?? undefined, isEnabled: isTypesSettled });
  const segments = usePendingEndpoint<SegmentsPage>('segments');
  // every alert, the acknowledged too, which Home no longer lists
  const alertHistory = useAlertPages(alertFilter, 20);
  const analysis = analysisStateOf(types.data, rfm.data);
  const noData = t('reports.common.noData');
  // Only the reports an analysis writes (types, RFM, type history) say what it found; the others are read from orders as they stand.
  const notAnalysed = useEmptyReportText(analysis, noData);
  const noFlows = useEmptyReportText(analysis, t('reports.migration.noFlows'));
  const reloadAll = useCallback(() => {
    for (const source of [rfm, types, lifecycle, cohorts, trend, alerts, migration, segments, alertHistory]) source.reload();
  }, [rfm, types, lifecycle, cohorts, trend, alerts, migration, segments, alertHistory]);

  const granularityPicker = (
    <label className="field field-inline small">
      <span>{t('reports.revenue.granularity')}</span>
      <select value={granularity} onChange={(event) => changeSettings({ granularity: granularities.find((choice) => choice === event.target.value) ?? granularity })}>
        {granularities.map((choice) => <option key={choice} value={choice}>{t(`reports.revenue.granularities.${choice}`)}</option>)}
      </select>
    </label>
  );
  const migrationPicker = (
    <label className="field field-inline small">
      <span>{t('reports.migration.period')}</span>
      <select value={migrationDays} onChange={(event) => changeSettings({ migrationDays: migrationChoices.find((choice) => String(choice) === event.target.value) ?? migrationDays })}>
        {migrationChoices.map((choice) => <option key={choice} value={choice}>{t('home.lastDays', { days: choice })}</option>)}
      </select>
    </label>
  );

  return (
    <section className="page page-reports">
      <header className="page-header">
        <h1>{t('reports.title')}</h1>
        <RunAnalysis onFinished={reloadAll} />
      </header>
      <AnalysisNotice state={analysis} />
      <div className="report-grid">
        <ReportSection title={t('reports.revenue.title')} source={trend} emptyText={<NoOrdersInTrend />} isEmpty={hasNoOrders} actions={granularityPicker} className="card-wide" asOfDay={(data) => trendLastDay(data)}>
          {/* without prices every period's revenue is 0: a flat line at 0 read as a store that sold nothing */}
          {(data) => (data.hasPrices === false ? <p className="empty-state">{t('reports.common.noPricesNote')}</p> : <RevenueTrendChart trend={data} alerts={alerts.data?.alerts ?? []} />)}
        </ReportSection>
        {/* above the two groupings that share names ("Loyal", "At risk"): they are not the same customers */}
        <p className="small muted card-wide report-grid-note">{t('reports.typesVsRfm')}</p>
        <ReportSection title={t('reports.types.title')} source={types} emptyText={notAnalysed} isEmpty={(data) => data.customers === 0} asOfDay={(data) => analysedDayOf(data)}>
          {(data) => <TypesChart report={data} />}
        </ReportSection>
        <ReportSection title={t('reports.rfm.title')} source={rfm} emptyText={notAnalysed} isEmpty={(data) => data.grid.length === 0} asOfDay={(data) => analysedDayOf(data)}>
          {(data) => <RfmGridChart report={data} />}
        </ReportSection>
        <ReportSection title={t('reports.segments.title')} source={rfm} emptyText={notAnalysed} isEmpty={(data) => data.segments.length === 0} asOfDay={(data) => analysedDayOf(data)}>
          {(data) => <SegmentChart report={data} />}
        </ReportSection>
        <ReportSection title={t('reports.savedSegments.title')} source={segments} emptyText={<NoSavedSegments />} isEmpty={(data) => data.items.length === 0}>
          {(data) => <SavedSegmentsChart segments={data.items} />}
        </ReportSection>
        <ReportSection title={t('reports.funnel.title')} source={lifecycle} emptyText={noData} isEmpty={(data) => data.overall === null || data.overall.stages.every((stage) => stage.customers === 0)} asOfDay={(data) => data.asOf}>
          {(data) => (data.overall ? <FunnelChart funnel={data.overall} horizonDays={data.horizonDays} /> : null)}
        </ReportSection>
        <ReportSection title={t('reports.cohorts.title')} source={cohorts} emptyText={noData} isEmpty={(data) => data.cohorts.length === 0} asOfDay={(data) => data.asOf}>
          {(data) => <CohortHeatmap cohorts={data.cohorts} horizonDays={data.horizonDays} dataEndDay={dataEndDayOf(data.asOf, storeSettings)} />}
        </ReportSection>
        <ReportSection title={t('reports.migration.title')} source={migration} emptyText={noFlows} isEmpty={(data) => !hasTypeMigrationContent(data)} actions={migrationPicker} className="card-wide" asOfDay={(data) => data.toDay}>
          {(data) => <TypeSankeyChart migration={data} emptyText={noFlows} />}
        </ReportSection>
        <AlertHistoryCard history={alertHistory} filter={alertFilter} onFilterChange={(filter) => changeSettings({ alerts: filter })} />
      </div>
    </section>
  );
}
