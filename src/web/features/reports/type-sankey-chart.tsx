import type { TypeMigration } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Node ids carry their side, so "loyal → loyal" is a flow between two nodes rather than a loop ECharts refuses to draw. */
export function sankeyGraph(flows: TypeMigration['flows']): { nodes: Array<{ name: string; type: string; side: 'from' | 'to' }>; links: Array<{ source: string; target: string; value: number }> } {
  const visible = flows.filter((flow) => flow.customers > 0);
  const nodes = new Map<string, { name: string; type: string; side: 'from' | 'to' }>();
  for (const flow of visible) {
    nodes.set(`from:${flow.fromType}`, { name: `from:${flow.fromType}`, type: flow.fromType, side: 'from' });
  }
  for (const flow of visible) {
    nodes.set(`to:${flow.toType}`, { name: `to:${flow.toType}`, type: flow.toType, side: 'to' });
  }
  return { nodes: [...nodes.values()], links: visible.map((flow) => ({ source: `from:${flow.fromType}`, target: `to:${flow.toType}`, value: flow.customers })) };
}

/** Where customers of each type at the start had moved by the end; the left column is the start date, the right the end. */
export function TypeSankeyChart({ migration }: { migration: TypeMigration }) {
  const { t, format } = useI18n();
  const typeName = (type: string) => t(`customerTypes.${type}`);
  const graph = sankeyGraph(migration.flows);
  const nodeLabel = (id: string) => typeName(id.slice(id.indexOf(':') + 1));
  const option = {
    tooltip: {
      trigger: 'item',
      formatter: (parameters: { dataType: 'node' | 'edge'; name: string; value: number; data: { source?: string; target?: string } }) => (parameters.dataType === 'edge'
        ? t('reports.migration.flow', { from: nodeLabel(parameters.data.source ?? ''), to: nodeLabel(parameters.data.target ?? ''), customers: format.number(parameters.value) })
        : `${nodeLabel(parameters.name)}: ${format.number(parameters.value)}`),
    },
    series: [{
      type: 'sankey', left: 8, right: 8, top: 8, bottom: 8, nodeGap: 10, nodeWidth: 16,
      // Labels point inwards: left column to the right of its nodes, right column to the left, so none is cut at the edge.
      data: graph.nodes.map((node) => ({ name: node.name, label: { position: node.side === 'from' ? 'right' : 'left' } })),
      links: graph.links,
      label: { formatter: (parameters: { name: string }) => nodeLabel(parameters.name) },
      emphasis: { focus: 'adjacency' }, lineStyle: { color: 'gradient', opacity: 0.4 },
    }],
  };
  return (
    <>
      <p className="small muted sankey-ends"><span>{format.date(migration.from.slice(0, 10))}</span><span>{format.date(migration.to.slice(0, 10))}</span></p>
      <Chart title={t('reports.migration.title')} fileName="type-migration" option={option} height={Math.max(320, graph.nodes.length * 28)}
        table={{ header: [t('reports.migration.from'), t('reports.migration.to'), t('reports.common.customers')], rows: migration.flows.map((flow) => [typeName(flow.fromType), typeName(flow.toType), flow.customers]) }} />
    </>
  );
}
