import type { CustomerType } from '../../../analytics/customer-types.js';
import { alertColour } from '../../components/charts/palette.js';

/**
 * One colour per customer type, the same in every chart and on every type tag (app.css holds the
 * same values; type-colours.test.ts keeps the two equal). Charts used to take a palette colour by
 * position, so a type's colour changed with which other types happened to be present.
 *
 * Chosen for meaning first: the types to act on are warm (at risk is the vermillion the alerts
 * already use; occasional amber), the healthy ones cool (VIP the strongest, a dark indigo; loyal
 * green; regular blue; new a light cyan), lapsed a dark grey, the non-buyers (lead, consumer) muted,
 * "no type yet" a light grey. Most are Okabe–Ito or Paul Tol colours; checked with the
 * Machado et al. (2009) simulations of protanopia, deuteranopia and tritanopia, no two are closer
 * than a CIEDE2000 difference of 6 (12 with normal colour vision). Eleven colours cannot all be
 * far apart under colour blindness: the closest pair, lead and consumer, are the two least acted on,
 * and every chart names its bars and nodes besides.
 */
export const typeColours: Readonly<Record<CustomerType | 'none', string>> = {
  at_risk: alertColour,
  lapsed: '#6E6E6E',
  vip: '#332288',
  new: '#66CCEE',
  regular: '#0077BB',
  loyal: '#009E73',
  occasional: '#E69F00',
  one_time: '#CC79A7',
  lead: '#ACC8A6',
  consumer: '#BCAAA4',
  // the type-migration report's name for "held no type" on one of its two dates
  none: '#D0D0D0',
};

/**
 * For a type this web app does not know yet (a newer server, an old stored row). Grey rather than
 * an error: one unknown name should not take a whole report down, and its label still names it.
 */
export const unknownTypeColour = '#A0A0A0';

export function typeColour(type: string): string {
  return Object.hasOwn(typeColours, type) ? typeColours[type as keyof typeof typeColours] : unknownTypeColour;
}
