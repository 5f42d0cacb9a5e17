import type { TypeMigration } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import type { ReactNode } from 'react';
import { sankeyGraph, typeSankeyOption } from './type-sankey-option.js';
import { typeMigrationNotes } from './type-migration-notes.js';

/**
 * Where customers of each type at the end of the first day had moved by the end of the last; the left
 * column is the first day, the right the last. Both are the server's store days: the instants `from` and
 * `to` are the first moments of the days after them, a day later in UTC west of Greenwich.
 */
export function TypeSankeyChart({ migration, emptyText }: { migration: TypeMigration; emptyText: ReactNode }) {
  const { t, format, locale } = useI18n();
  const typeName = (type: string) => t(`customerTypes.${type}`);
  const graph = sankeyGraph(migration.flows);
  // the left column is the day the flows start from: the history's start when the period starts before it
  const startDay = migration.historyFrom ?? migration.fromDay;
  const notes = typeMigrationNotes(migration, t, format, locale).map((note) => <p key={note} className="small muted">{note}</p>);
  if (migration.flows.every((flow) => flow.customers === 0)) return <><p className="empty-state">{emptyText}</p>{notes}</>;
  return (
    <>
      <p className="small muted sankey-ends"><span>{format.date(startDay)}</span><span>{format.date(migration.toDay)}</span></p>
      <Chart title={t('reports.migration.title')} fileName={t('files.charts.typeMigration')} option={typeSankeyOption(migration, t, format, locale)} height={Math.max(320, graph.nodes.length * 28)}
        table={{ header: [`${t('reports.migration.from')} (${format.date(startDay)})`, `${t('reports.migration.to')} (${format.date(migration.toDay)})`, t('reports.common.customers')], kinds: ['text', 'text', 'count'], rows: migration.flows.map((flow) => [typeName(flow.fromType), typeName(flow.toType), flow.customers]) }} />
      {notes}
    </>
  );
}
