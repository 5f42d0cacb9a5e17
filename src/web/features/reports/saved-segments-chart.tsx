import { useMemo } from 'react';
import type { Segment } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { useSession } from '../auth/session-context.js';
import { savedSegmentsOption, savedSegmentsTable } from './saved-segments-option.js';

/** Staff-defined segments (from /api/segments) by size; each whole name in the tooltip and the table. */
export function SavedSegmentsChart({ segments }: { segments: Segment[] }) {
  const { t, format } = useI18n();
  const option = useMemo(() => savedSegmentsOption(segments, format), [segments, format]);
  return (
    <Chart title={t('reports.savedSegments.title')} fileName={t('files.charts.savedSegments')} option={option} height={Math.max(200, segments.length * 36)}
      table={savedSegmentsTable(segments, t)} />
  );
}

/** Before the first saved segment: says so, and leads whoever may create one to the new segment (not "no data", which blamed the store). */
export function NoSavedSegments() {
  const { t } = useI18n();
  const { can } = useSession();
  if (!can('analytics:write')) return <>{t('reports.savedSegments.none')}</>;
  return <>{t('reports.savedSegments.none')} {t('reports.savedSegments.noneWriter')} <Link to="/segments/new">{t('segments.create')}</Link></>;
}
