import type { PersonaProfile } from '../../api/target-group-types.js';
import type { Formatters } from '../../i18n/format.js';
import type { I18n } from '../../i18n/i18n-context.js';

/**
 * Why a category names a persona ("Older big-basket, store, “bread”") when it
 * is not their largest: the server (src/personas/persona-names.ts) picks a
 * category by how far the persona's share of spending on it stands above all
 * buyers' (a standardised difference), not by the share itself. So the profile
 * says both shares: "bread: 12.7% of their spending, 4× the store's average of 3.2%".
 */

/** One entry of GET /api/categories: what all customers spent on a category. */
export type StoreCategory = { category: string; revenueMinor: number };
export type CategoryWhy = { category: string; share: number; storeShare: number | null };

/** Below this many times the store's share, "N×" would overstate it; the two shares are said side by side instead. */
export const fewestTimes = 1.1;

/**
 * The persona's share of spending on each naming category (from its profile,
 * which lists its top categories) beside the store's share (spend on it over
 * spend on all categories). A category outside the profile's list is left out:
 * its share is not known here. Names match without case, as the store's list
 * merges spellings that differ only in case.
 */
export function categoryWhys(profile: Pick<PersonaProfile, 'traits' | 'categories'>, storeCategories: StoreCategory[] | null): CategoryWhy[] {
  const storeTotal = storeCategories?.reduce((sum, entry) => sum + Math.max(entry.revenueMinor, 0), 0) ?? 0;
  const whys: CategoryWhy[] = [];
  for (const trait of profile.traits) {
    const [prefix, level] = trait.column.split(/:(.*)/s);
    if (prefix !== 'category' || !level || !(trait.difference > 0)) continue;
    const own = profile.categories.find((entry) => entry.label === level);
    if (!own) continue;
    const store = storeCategories?.find((entry) => entry.category.toLocaleLowerCase() === level.toLocaleLowerCase());
    whys.push({ category: level, share: own.share, storeShare: store && storeTotal > 0 ? store.revenueMinor / storeTotal : null });
  }
  return whys;
}

/** "4", "1.5", "12": one decimal below ten times, none above. */
function timesText(times: number, number: Formatters['number']): string {
  const rounded = times >= 10 ? Math.round(times) : Math.round(times * 10) / 10;
  return number(rounded, Number.isInteger(rounded) ? 0 : 1);
}

/** The sentence under the traits for one category. */
export function categoryWhyText(why: CategoryWhy, t: I18n['t'], format: Pick<Formatters, 'number' | 'percent'>): string {
  const variables = { category: why.category, share: format.percent(why.share) };
  if (why.storeShare === null || !(why.storeShare > 0)) return t('personas.categoryWhy.share', variables);
  const times = why.share / why.storeShare;
  const storeShare = format.percent(why.storeShare);
  if (times < fewestTimes) return t('personas.categoryWhy.near', { ...variables, storeShare });
  return t('personas.categoryWhy.times', { ...variables, storeShare, times: timesText(times, format.number) });
}
