import type { TypeMigration } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Where customers of each type at the start moved by the end; the two ends are separate nodes so the flow reads left to right. */
export function TypeSankeyChart({ migration }: { migration: TypeMigration }) {
  const { t, format } = useI18n();
  const before = (type: string) => `${t(`customerTypes.${type}`)} · ${format.date(migration.from)}`;
  const after = (type: string) => `${t(`customerTypes.${type}`)} · ${format.date(migration.to)}`;
  const nodes = [...new Set([...migration.flows.map((flow) => before(flow.fromType)), ...migration.flows.map((flow) => after(flow.toType))])].map((name) => ({ name }));
  const option = {
    tooltip: { trigger: 'item', valueFormatter: (value: number) => format.number(value) },
    series: [{ type: 'sankey', data: nodes, links: migration.flows.filter((flow) => flow.customers > 0).map((flow) => ({ source: before(flow.fromType), target: after(flow.toType), value: flow.customers })), emphasis: { focus: 'adjacency' }, lineStyle: { color: 'gradient', opacity: 0.4 } }],
  };
  return (
    <Chart title={t('reports.migration.title')} fileName="type-migration" option={option} height={420}
      table={{ header: [t('reports.migration.from'), t('reports.migration.to'), t('reports.common.customers')], rows: migration.flows.map((flow) => [t(`customerTypes.${flow.fromType}`), t(`customerTypes.${flow.toType}`), flow.customers]) }} />
  );
}
