import { useI18n } from '../../i18n/i18n-context.js';
import { distinctnessOf, distinctnessThresholds } from './distinctness.js';

/** "How distinct the personas are: fairly distinct", with the silhouette and its scale small beside it for the analyst. */
export function Distinctness({ silhouette }: { silhouette: number | null }) {
  const { t, format } = useI18n();
  const level = distinctnessOf(silhouette);
  if (silhouette === null || level === null) return null;
  const scale = t('personas.distinctScale', { clear: format.number(distinctnessThresholds.clear, 1), fair: format.number(distinctnessThresholds.fair, 2) });
  return (
    <p className="persona-distinctness">
      {t('personas.distinctness', { level: t(`personas.distinctLevels.${level}`) })}{' '}
      <span className="muted small" title={scale}>({t('personas.silhouette', { value: format.number(silhouette, 2) })})</span>
    </p>
  );
}
