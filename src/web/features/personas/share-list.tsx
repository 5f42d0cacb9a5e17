import type { Share } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Shares as labelled bars; `labelOf` translates labels that have words (channels, types), others are the store's data. */
export function ShareList({ shares, labelOf }: { shares: Share[]; labelOf?: (label: string) => string }) {
  const { format } = useI18n();
  return (
    <ul className="bar-list">
      {shares.map((share) => (
        <li key={share.label}>
          <span className="bar-list-label">{labelOf ? labelOf(share.label) : share.label}</span>
          <span className="bar-list-bar" aria-hidden="true"><span style={{ width: `${Math.min(100, share.share * 100)}%` }} /></span>
          <span className="bar-list-value">{format.percent(share.share)}</span>
        </li>
      ))}
    </ul>
  );
}

/** "Jakarta 60%, Bandung 25%": the top entries in one line, for summaries. */
export function shareText(shares: Share[], percent: (ratio: number, digits?: number) => string, labelOf: (label: string) => string = (label) => label, limit = 3): string {
  return shares.slice(0, limit).map((share) => `${labelOf(share.label)} ${percent(share.share, 0)}`).join(', ');
}
