import type { CSSProperties } from 'react';

type KeyFigureProps = { label: string; value: string; comparison?: string; trend?: 'up' | 'down' | 'flat'; previous?: string };

export function KeyFigure({ label, value, comparison, trend, previous }: KeyFigureProps) {
  return (
    <div className="key-figure">
      <dt>{label}</dt>
      <dd>
        <span className="key-figure-value" style={{ '--characters': value.length } as CSSProperties}>{value}</span>
        {comparison ? <span className={`key-figure-comparison trend-${trend ?? 'flat'}`}>{comparison}</span> : null}
        {previous ? <span className="key-figure-previous">{previous}</span> : null}
      </dd>
    </div>
  );
}
