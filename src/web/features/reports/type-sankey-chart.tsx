import type { TypeMigration } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';
import { sankeyGraph, typeSankeyOption } from './type-sankey-option.js';

/**
 * Where customers of each type at the end of the first day had moved by the end of the last; the left
 * column is the first day, the right the last. Both are the server's store days: the instants `from` and
 * `to` are the first moments of the days after them, a day later in UTC west of Greenwich.
 */
export function TypeSankeyChart({ migration }: { migration: TypeMigration }) {
  const { t, format, locale } = useI18n();
  const typeName = (type: string) => t(`customerTypes.${type}`);
  const graph = sankeyGraph(migration.flows);
  const firstTyped = (migration.firstTyped ?? []).reduce((sum, entry) => sum + entry.customers, 0);
  return (
    <>
      <p className="small muted sankey-ends"><span>{format.date(migration.fromDay)}</span><span>{format.date(migration.toDay)}</span></p>
      <Chart title={t('reports.migration.title')} fileName="type-migration" option={typeSankeyOption(migration, t, format, locale)} height={Math.max(320, graph.nodes.length * 28)}
        table={{ header: [`${t('reports.migration.from')} (${format.date(migration.fromDay)})`, `${t('reports.migration.to')} (${format.date(migration.toDay)})`, t('reports.common.customers')], kinds: ['text', 'text', 'count'], rows: migration.flows.map((flow) => [typeName(flow.fromType), typeName(flow.toType), flow.customers]) }} />
      {firstTyped > 0 ? <p className="small muted">{t(pluralKey(locale, 'reports.migration.firstTypedNote', firstTyped), { count: format.number(firstTyped) })}</p> : null}
    </>
  );
}
