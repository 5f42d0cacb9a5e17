import { money } from '../format.js';

/**
 * Customer amounts in a store whose orders carry no prices (a data set such as Groceries): each
 * amount is 0, which would read as nothing spent, so they say "not recorded" as the web app does.
 */
export const noPricesNote = 'revenue not recorded: the orders in this store carry no prices (every amount is 0)';

/** Money in the store currency, or "not recorded" in a store without prices. */
export const priced = (hasPrices: boolean) => (minor: number | string | null | undefined): string => (hasPrices ? money(minor) : 'not recorded');
