import type { Formatters } from '../../i18n/format.js';

/**
 * A report's share (unrounded, as the API gives it) to one decimal, but never "0%" for a share that is
 * not zero: 6 of 23,570 customers reads "<0,1%", as the CLI's "<0.1%" (src/cli/commands/analytics-output.ts).
 */
export function shareText(share: number, format: Pick<Formatters, 'percent'>): string {
  return share > 0 && share < 0.0005 ? `<${format.percent(0.001)}` : format.percent(share);
}
