import type { TypeMigration } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import { typeColour } from './type-colours.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

export type SankeyNode = { name: string; type: string; side: 'from' | 'to' };

/** Node ids carry their side, so "loyal → loyal" is a flow between two nodes rather than a loop ECharts refuses to draw. */
export function sankeyGraph(flows: TypeMigration['flows']): { nodes: SankeyNode[]; links: Array<{ source: string; target: string; value: number }> } {
  const visible = flows.filter((flow) => flow.customers > 0);
  const nodes = new Map<string, SankeyNode>();
  for (const flow of visible) {
    nodes.set(`from:${flow.fromType}`, { name: `from:${flow.fromType}`, type: flow.fromType, side: 'from' });
  }
  for (const flow of visible) {
    nodes.set(`to:${flow.toType}`, { name: `to:${flow.toType}`, type: flow.toType, side: 'to' });
  }
  return { nodes: [...nodes.values()], links: visible.map((flow) => ({ source: `from:${flow.fromType}`, target: `to:${flow.toType}`, value: flow.customers })) };
}

/**
 * Where customers of each type at the start had moved by the end. Both nodes of a type take its own
 * colour, as in the types bar chart, so a type reads the same on both sides and the flows' gradients
 * run from one type's colour to the other's; by position a type's two nodes could differ.
 */
export function typeSankeyOption(migration: TypeMigration, t: Translate, format: Pick<Formatters, 'number'>, locale: Locale) {
  const graph = sankeyGraph(migration.flows);
  const nodeLabel = (id: string) => t(`customerTypes.${id.slice(id.indexOf(':') + 1)}`);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (parameters: { dataType: 'node' | 'edge'; name: string; value: number; data: { source?: string; target?: string } }) => (parameters.dataType === 'edge'
        ? t(pluralKey(locale, 'reports.migration.flow', parameters.value), { from: nodeLabel(parameters.data.source ?? ''), to: nodeLabel(parameters.data.target ?? ''), customers: format.number(parameters.value) })
        : `${nodeLabel(parameters.name)}: ${format.number(parameters.value)}`),
    },
    series: [{
      type: 'sankey', left: 8, right: 8, top: 8, bottom: 8, nodeGap: 10, nodeWidth: 16,
      // Labels point inwards: left column to the right of its nodes, right column to the left, so none is cut at the edge.
      data: graph.nodes.map((node) => ({ name: node.name, itemStyle: { color: typeColour(node.type) }, label: { position: node.side === 'from' ? 'right' : 'left' } })),
      links: graph.links,
      label: { formatter: (parameters: { name: string }) => nodeLabel(parameters.name) },
      emphasis: { focus: 'adjacency' }, lineStyle: { color: 'gradient', opacity: 0.4 },
    }],
  };
}
