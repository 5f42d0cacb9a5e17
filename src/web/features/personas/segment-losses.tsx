import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';

/** A saved segment a discovery would leave (or left) naming personas that are gone; counts are null to a caller who may not read members. */
export type SegmentLoss = { segmentId: number; name: string; personas: string[]; membersBefore: number | null; membersAfter: number | null };

/** The segments, each with the persona names it loses and its members before → after. */
export function SegmentLosses({ segments }: { segments: SegmentLoss[] }) {
  const { t, format } = useI18n();
  // in quotes: a generated name holds commas of its own ("young low-spend small-basket, coffee")
  const personasText = (names: string[]) => names.map((name) => `“${name}”`).join(', ');
  return (
    <ul>
      {segments.map((segment) => (
        <li key={segment.segmentId}>
          <Link to={`/segments/${segment.segmentId}`}>{segment.name}</Link>
          {' '}
          {segment.membersBefore === null || segment.membersAfter === null
            ? t('personas.segmentLossNoCounts', { personas: personasText(segment.personas) })
            : t('personas.segmentLoss', { personas: personasText(segment.personas), before: format.number(segment.membersBefore), after: format.number(segment.membersAfter) })}
        </li>
      ))}
    </ul>
  );
}
