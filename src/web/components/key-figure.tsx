type KeyFigureProps = { label: string; value: string; comparison?: string; trend?: 'up' | 'down' | 'flat' };

export function KeyFigure({ label, value, comparison, trend }: KeyFigureProps) {
  return (
    <div className="key-figure">
      <dt>{label}</dt>
      <dd>
        <span className="key-figure-value">{value}</span>
        {comparison ? <span className={`key-figure-comparison trend-${trend ?? 'flat'}`}>{comparison}</span> : null}
      </dd>
    </div>
  );
}
