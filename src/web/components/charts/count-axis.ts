import type { Formatters } from '../../i18n/format.js';

/**
 * Labels of a value axis in compact numbers ("1,5 tūkst.", "2 rb"). Such labels are wide in Latvian
 * and Indonesian, and ECharts lays out value-axis ticks without measuring them, so on a phone they ran
 * together ("0 5001 rb1,5 rb"): fewer ticks, and any label that would still touch its neighbour is
 * hidden. The padding makes labels that merely abut count as touching.
 */
export function compactAxisLabel(formatter: (value: number) => string) {
  return { hideOverlap: true, padding: [0, 4], formatter };
}

/** A value axis of customers or other things counted whole: no "0,2 customers" ticks on a small store. */
export function countAxis(format: Pick<Formatters, 'compact'>) {
  return { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: compactAxisLabel((value: number) => format.compact(value)) } as const;
}

/** A value axis of money in the store's currency, compact. */
export function moneyAxis(format: Pick<Formatters, 'moneyCompact'>) {
  return { type: 'value', splitNumber: 3, axisLabel: compactAxisLabel((value: number) => format.moneyCompact(value)) } as const;
}
