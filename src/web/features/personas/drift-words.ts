import type { DriftAttribute, Magnitude } from '../../api/target-group-types.js';
import type { Formatters } from '../../i18n/format.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { seriesLabel } from './drift-labels.js';
import { attributeKey } from './drift-periods.js';
import { relativeChange } from './drift-values.js';
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

/**
 * Why a row has no statistic. The server leaves d out when a period has fewer
 * than two customers with a value, or when every customer has the same value
 * (no spread); it leaves V out when a period counted nobody, or when the mix has
 * a single value in both periods. Only the first of each is too few customers.
 */
export type NoStatistic = 'tooFew' | 'sameForAll' | 'noSpread' | 'oneValue';

/** The fewest customers with a value in each period for Cohen's d, as the server requires (src/personas/drift.ts). */
export const fewestForD = 2;

export function noStatisticReason(attribute: DriftAttribute): NoStatistic | null {
  if (attribute.kind === 'numeric') {
    if (attribute.cohensD !== null && Number.isFinite(attribute.cohensD)) return null;
    const { before, after } = attribute;
    if (before.n < fewestForD || after.n < fewestForD || before.mean === null || after.mean === null) return 'tooFew';
    return before.mean === after.mean ? 'sameForAll' : 'noSpread';
  }
  if (attribute.cramersV !== null && Number.isFinite(attribute.cramersV)) return null;
  const counted = (side: 'before' | 'after') => attribute.series.some((point) => point[side] > 0);
  if (!counted('before') || !counted('after')) return 'tooFew';
  return singleValue(attribute) === null ? 'tooFew' : 'oneValue';
}

/** The one value of a mix that has nothing else in either period ("person"), or null. */
function singleValue(attribute: Extract<DriftAttribute, { kind: 'categorical' }>): string | null {
  const present = attribute.series.filter((point) => point.before > 0 || point.after > 0);
  return present.length === 1 ? present[0].label : null;
}

const rankOfSize: Record<Magnitude, number> = { large: 3, medium: 2, small: 1, negligible: 0 };

/** The statistic in units of its own "small" threshold, so d and V compare within a size band. */
function relativeStrength(attribute: DriftAttribute): number {
  const value = attribute.kind === 'numeric' ? Math.abs(attribute.cohensD ?? 0) / dThresholds.small : (attribute.cramersV ?? 0) / vThresholds().small;
  return Number.isFinite(value) ? value : 0;
}

/** Largest changes first: by size band, then by the statistic relative to its band; rows with no change to measure with the smallest, too few customers last; ties keep the server's order. */
export function byLargestChange(attributes: DriftAttribute[]): DriftAttribute[] {
  const rank = (attribute: DriftAttribute) => {
    const size = sizeOfChange(attribute);
    if (size !== null) return rankOfSize[size];
    return noStatisticReason(attribute) === 'tooFew' ? -1 : 0;
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
 * A change below a small effect that still shows in the numbers beside it: for
 * a mean, its move in percent of the earlier value shown ("IDR 386,252 → IDR
 * 440,391" is +14%); for a mix, the share that moved. Null when it rounds to
 * no change at whole percents.
 */
function visibleChange(attribute: DriftAttribute): number | null {
  const change = attribute.kind === 'numeric' ? relativeChange(attribute) : attribute.totalVariation;
  return change === null || !Number.isFinite(change) || Math.round(Math.abs(change) * 100) === 0 ? null : change;
}

/**
 * The row's statement: the direction of a change in means, or how much of a mix
 * moved. Below "small", a visible move is said as a number, not as a trend
 * ("Spend per customer up 14%", "Category mix: 6% of spend moved"), so the words
 * never deny the numbers beside them; otherwise only the topic, so noise is
 * never told as a trend. `percent` formats shares.
 */
export function driftStatement(attribute: DriftAttribute, t: I18n['t'], percent: (ratio: number, digits?: number) => string): Wording {
  const size = sizeOfChange(attribute);
  const topic = driftTopic(attribute, t);
  if (size === null || size === 'negligible') {
    // too few customers tell no direction at all, however far their mean moved
    const change = size === null && noStatisticReason(attribute) !== 'noSpread' ? null : visibleChange(attribute);
    if (change === null) return topic;
    if (attribute.kind === 'categorical') return { text: t('drift.words.movedBy', { topic: topic.text, moved: percent(change, 0), unit: t(`drift.words.movedUnits.${attribute.unit}`) }) };
    return { text: t(`drift.words.changedBy.${change > 0 ? 'up' : 'down'}`, { topic: topic.text, change: percent(Math.abs(change), 0) }) };
  }
  if (attribute.kind === 'numeric') {
    const key = numericWordKeys.find((candidate) => candidate === attributeKey(attribute.attribute));
    const direction = (attribute.cohensD ?? 0) > 0 ? 'up' : 'down';
    // an attribute the app does not know is named as the server names it, inside the reader's sentence
    return key ? { text: t(`drift.words.${key}.${direction}`) } : { text: t(`drift.words.numeric.${direction}`, { attribute: attribute.attribute }) };
  }
  return { text: t('drift.words.shifted', { topic: topic.text, moved: percent(attribute.totalVariation, 0), unit: t(`drift.words.movedUnits.${attribute.unit}`) }) };
}

/** "medium change" or "no real change" for a size band; "too few customers to tell" without one. */
export function driftSizeText(size: Magnitude | null, t: I18n['t']): string {
  return size === null ? t('drift.words.tooFew') : t(`drift.magnitudes.${size}`);
}

// kinds with their own "all are …" words (`drift.words.onlyKind.*`)
const kindsWithWords = ['person', 'organization'];

/**
 * The badge beside the statement: the size of the change, or why there is
 * none. A visible move below "small" is "slight next to how much customers
 * differ" (a mean) or "slight: the mix is much the same", not "no real change";
 * a mix with one value in both periods is "no change: all are persons", not
 * too few customers.
 */
export function driftBadge(attribute: DriftAttribute, t: I18n['t'], format: Pick<Formatters, 'compact'>): string {
  const size = sizeOfChange(attribute);
  if (size === 'negligible' && visibleChange(attribute) !== null) return t(attribute.kind === 'numeric' ? 'drift.words.withinSpread' : 'drift.words.mixMuchTheSame');
  if (size !== null) return driftSizeText(size, t);
  const reason = noStatisticReason(attribute);
  if (reason === 'sameForAll') return t('drift.words.sameForAll');
  if (reason === 'noSpread') return t('drift.words.noSpread');
  const value = attribute.kind === 'categorical' && reason === 'oneValue' ? singleValue(attribute) : null;
  if (value === null) return driftSizeText(null, t);
  if (attribute.attribute === 'kind' && kindsWithWords.includes(value)) return t(`drift.words.onlyKind.${value}`);
  return t('drift.words.onlyValue', { value: seriesLabel(attribute.attribute, value, t, format) });
}
