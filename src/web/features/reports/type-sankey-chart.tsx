import type { TypeMigration } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { sankeyGraph, typeSankeyOption } from './type-sankey-option.js';

/** Where customers of each type at the start had moved by the end; the left column is the start date, the right the end. */
export function TypeSankeyChart({ migration }: { migration: TypeMigration }) {
  const { t, format, locale } = useI18n();
  const typeName = (type: string) => t(`customerTypes.${type}`);
  const graph = sankeyGraph(migration.flows);
  return (
    <>
      <p className="small muted sankey-ends"><span>{format.date(migration.from.slice(0, 10))}</span><span>{format.date(migration.to.slice(0, 10))}</span></p>
      <Chart title={t('reports.migration.title')} fileName="type-migration" option={typeSankeyOption(migration, t, format, locale)} height={Math.max(320, graph.nodes.length * 28)}
        table={{ header: [t('reports.migration.from'), t('reports.migration.to'), t('reports.common.customers')], rows: migration.flows.map((flow) => [typeName(flow.fromType), typeName(flow.toType), flow.customers]) }} />
    </>
  );
}
