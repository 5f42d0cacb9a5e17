import type { DriftAttribute, Magnitude } from '../../api/target-group-types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { attributeKey } from './drift-periods.js';
import type { Wording } from './persona-name.js';

/**
 * What moved between two periods, said as a marketer would: "Customers are
 * older" (medium change), "Channel mix shifted: 12% of orders moved" (small
 * change). The size comes from the statistic itself with Cohen's conventions;
 * the table keeps the statistic beside the words for the analyst.
 */

/** Cohen (1988, Statistical Power Analysis, ch. 2) for d: 0.2 small, 0.5 medium, 0.8 large; each band starts at its threshold. */
export const dThresholds = { small: 0.2, medium: 0.5, large: 0.8 } as const;

/**
 * Cohen's w conventions (1988, ch. 7: 0.1, 0.3, 0.5) carried over to Cramér's V
 * by w = V·√df*, df* = min(rows, columns) − 1. Two periods are two rows, so
 * every drift table has df* = 1 and the thresholds are 0.1 / 0.3 / 0.5.
 */
export function vThresholds(degreesOfFreedom = 1): { small: number; medium: number; large: number } {
  const scale = Math.sqrt(Math.max(1, degreesOfFreedom));
  return { small: 0.1 / scale, medium: 0.3 / scale, large: 0.5 / scale };
}

function sizeAgainst(value: number | null, thresholds: { small: number; medium: number; large: number }): Magnitude | null {
  if (value === null || !Number.isFinite(value)) return null;
  const size = Math.abs(value);
  if (size >= thresholds.large) return 'large';
  if (size >= thresholds.medium) return 'medium';
  if (size >= thresholds.small) return 'small';
  return 'negligible';
}

/** Size of a change in means; null when there was too little data for d. */
export const sizeOfD = (d: number | null): Magnitude | null => sizeAgainst(d, dThresholds);
/** Size of a change in a mix; null when there was too little data for V. */
export const sizeOfV = (v: number | null, degreesOfFreedom = 1): Magnitude | null => sizeAgainst(v, vThresholds(degreesOfFreedom));

export function sizeOfChange(attribute: DriftAttribute): Magnitude | null {
  return attribute.kind === 'numeric' ? sizeOfD(attribute.cohensD) : sizeOfV(attribute.cramersV);
}

// the numeric attributes with their own sentences (`drift.words.<key>.up|down`)
const numericWordKeys = ['age', 'spendLog', 'ordersPerCustomer'];

const rankOfSize: Record<Magnitude, number> = { large: 3, medium: 2, small: 1, negligible: 0 };

/** The statistic in units of its own "small" threshold, so d and V compare within a size band. */
function relativeStrength(attribute: DriftAttribute): number {
  const value = attribute.kind === 'numeric' ? Math.abs(attribute.cohensD ?? 0) / dThresholds.small : (attribute.cramersV ?? 0) / vThresholds().small;
  return Number.isFinite(value) ? value : 0;
}

/** Largest changes first: by size band, then by the statistic relative to its band; attributes without one last; ties keep the server's order. */
export function byLargestChange(attributes: DriftAttribute[]): DriftAttribute[] {
  const rank = (attribute: DriftAttribute) => {
    const size = sizeOfChange(attribute);
    return size === null ? -1 : rankOfSize[size];
  };
  return attributes
    .map((attribute, index) => ({ attribute, index, rank: rank(attribute), strength: relativeStrength(attribute) }))
    .sort((a, b) => b.rank - a.rank || b.strength - a.strength || a.index - b.index)
    .map((entry) => entry.attribute);
}

/** "Age", "Channel mix": what a row is about, when there is no change to tell. */
export function driftTopic(attribute: DriftAttribute, t: I18n['t']): Wording {
  const key = attributeKey(attribute.attribute);
  return key ? { text: t(`drift.words.topics.${key}`) } : { text: attribute.attribute, lang: 'en' };
}

/**
 * The row's statement: the direction of a change in means, or how much of a mix
 * moved; only the topic when the change is below "small" or cannot be measured,
 * so noise is never told as a trend. `percent` formats the share that moved.
 */
export function driftStatement(attribute: DriftAttribute, t: I18n['t'], percent: (ratio: number, digits?: number) => string): Wording {
  const size = sizeOfChange(attribute);
  const topic = driftTopic(attribute, t);
  if (size === null || size === 'negligible') return topic;
  if (attribute.kind === 'numeric') {
    const key = numericWordKeys.find((candidate) => candidate === attributeKey(attribute.attribute));
    const direction = (attribute.cohensD ?? 0) > 0 ? 'up' : 'down';
    // an attribute the app does not know is named as the server names it, inside the reader's sentence
    return key ? { text: t(`drift.words.${key}.${direction}`) } : { text: t(`drift.words.numeric.${direction}`, { attribute: attribute.attribute }) };
  }
  return { text: t('drift.words.shifted', { topic: topic.text, moved: percent(attribute.totalVariation, 0), unit: t(`drift.words.movedUnits.${attribute.unit}`) }) };
}

/** "medium change", "no real change", or that there were too few customers to measure it. */
export function driftSizeText(size: Magnitude | null, t: I18n['t']): string {
  return size === null ? t('drift.words.tooFew') : t(`drift.magnitudes.${size}`);
}

/**
 * A typical spend per customer from the mean of ln(1 + spend) the server sends:
 * exp(mean) − 1, the geometric mean of 1 + spend less one, in minor units. It is
 * what the mean of logs means in money, and unlike the plain mean one big buyer
 * does not move it.
 */
export function typicalSpendMinor(meanOfLog: number | null): number | null {
  return meanOfLog === null || !Number.isFinite(meanOfLog) ? null : Math.expm1(meanOfLog);
}
