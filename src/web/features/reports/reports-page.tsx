import type { AlertsPage, CohortsReport, LifecycleReport, RevenueTrend, RfmReport, SegmentsPage, TypeMigration, TypesReport } from '../../api/analytics-types.js';
import { usePendingEndpoint } from '../../api/use-pending-endpoint.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { ReportSection } from './report-section.js';
import { RfmGridChart } from './rfm-grid-chart.js';
import { SegmentChart } from './segment-chart.js';
import { FunnelChart } from './funnel-chart.js';
import { CohortHeatmap } from './cohort-heatmap.js';
import { RevenueTrendChart } from './revenue-trend-chart.js';
import { TypeSankeyChart } from './type-sankey-chart.js';
import { TypesChart } from './types-chart.js';
import { SavedSegmentsChart } from './saved-segments-chart.js';

export function ReportsPage() {
  const { t } = useI18n();
  const rfm = usePendingEndpoint<RfmReport>('rfm');
  const types = usePendingEndpoint<TypesReport>('types');
  const lifecycle = usePendingEndpoint<LifecycleReport>('lifecycle');
  const cohorts = usePendingEndpoint<CohortsReport>('cohorts');
  const trend = usePendingEndpoint<RevenueTrend>('revenueTrend');
  const alerts = usePendingEndpoint<AlertsPage>('alerts');
  const migration = usePendingEndpoint<TypeMigration>('typeMigration');
  const segments = usePendingEndpoint<SegmentsPage>('segments');
  const noData = t('reports.common.noData');

  return (
    <section className="page page-reports">
      <header className="page-header"><h1>{t('reports.title')}</h1></header>
      <div className="report-grid">
        <ReportSection title={t('reports.revenue.title')} source={trend} emptyText={noData} isEmpty={(data) => data.points.length === 0}>
          {(data) => <RevenueTrendChart trend={data} alerts={alerts.data?.alerts ?? []} />}
        </ReportSection>
        <ReportSection title={t('reports.types.title')} source={types} emptyText={noData} isEmpty={(data) => data.customers === 0}>
          {(data) => <TypesChart report={data} />}
        </ReportSection>
        <ReportSection title={t('reports.rfm.title')} source={rfm} emptyText={noData} isEmpty={(data) => data.grid.length === 0}>
          {(data) => <RfmGridChart report={data} />}
        </ReportSection>
        <ReportSection title={t('reports.segments.title')} source={rfm} emptyText={noData} isEmpty={(data) => data.segments.length === 0}>
          {(data) => <SegmentChart segments={data.segments} />}
        </ReportSection>
        <ReportSection title={t('reports.savedSegments.title')} source={segments} emptyText={noData} isEmpty={(data) => data.items.length === 0}>
          {(data) => <SavedSegmentsChart segments={data.items} />}
        </ReportSection>
        <ReportSection title={t('reports.funnel.title')} source={lifecycle} emptyText={noData} isEmpty={(data) => data.overall === null}>
          {(data) => (data.overall ? <FunnelChart funnel={data.overall} /> : null)}
        </ReportSection>
        <ReportSection title={t('reports.cohorts.title')} source={cohorts} emptyText={noData} isEmpty={(data) => data.cohorts.length === 0}>
          {(data) => <CohortHeatmap cohorts={data.cohorts} />}
        </ReportSection>
        <ReportSection title={t('reports.migration.title')} source={migration} emptyText={noData} isEmpty={(data) => data.flows.length === 0}>
          {(data) => <TypeSankeyChart migration={data} />}
        </ReportSection>
      </div>
    </section>
  );
}
