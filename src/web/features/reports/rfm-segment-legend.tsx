import { useI18n } from '../../i18n/i18n-context.js';
import { rfmSegmentLabel, rfmSegmentMeaning } from './rfm-segment-label.js';

/** Under the RFM segments chart: what each segment shown means in R and F scores and a suggested action. */
export function RfmSegmentLegend({ segments }: { segments: string[] }) {
  const { t } = useI18n();
  const explained = segments.flatMap((segment) => {
    const meaning = rfmSegmentMeaning(t, segment);
    return meaning === null ? [] : [{ segment, meaning }];
  });
  if (explained.length === 0) return null;
  return (
    <details className="rfm-segment-legend small">
      <summary>{t('reports.segments.legendTitle')}</summary>
      <p className="muted">{t('reports.segments.legendIntro')}</p>
      <dl>
        {explained.map(({ segment, meaning }) => (
          <div key={segment}>
            <dt>{rfmSegmentLabel(t, segment)}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
