import type { Formatters } from '../../i18n/format.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { genderLabel } from './gender-label.js';
import { incomeBandFact } from './income-band-fact.js';

/** The genders the app has words for in every language (customer.genders), as the form stores them. */
export const knownGenders = ['female', 'male', 'other'] as const;

/**
 * The income bands the app's data is written in: the demo store's, in the store currency
 * (src/synthetic/personas.ts), and the customer-personality data set's yearly household income
 * (src/ingest/presets/customer-personality.ts). A store's own bands are its data; one outside
 * these stays what it is (see profileChoices).
 */
export const knownIncomeBands = ['<5M', '5-10M', '10-20M', '>20M', '<25k', '25k-50k', '50k-75k', '75k-100k', '100k+'] as const;

export type ProfileChoice = { value: string; label: string };

/**
 * A select's choices for a field stored as written (gender, income band): each known value under
 * the label the profile card shows for it, so the reader picks what they read and the form stores
 * the value it stands for. The stored value is always one of the choices, as itself, so leaving the
 * field alone leaves it as it is: in place of the known value it reads as ("F" as Female, "5 jt – 10 jt"
 * typed as the 5-10M band), else first.
 * `stored` is '' when none is.
 */
// a label as the reader sees it: Intl's no-break spaces and a typed space read alike, as do capitals
// ("5 jt – 10 jt" typed as the card shows it is the 5-10M band)
const readsAs = (label: string) => label.replace(/\s+/gu, ' ').trim().toLocaleLowerCase();

export function profileChoices(known: readonly string[], stored: string, labelOf: (value: string) => string): ProfileChoice[] {
  const choices = known.map((value) => ({ value, label: labelOf(value) }));
  if (stored === '') return choices;
  const storedLabel = labelOf(stored);
  const same = choices.findIndex((choice) => choice.value === stored || readsAs(choice.label) === readsAs(storedLabel));
  if (same === -1) return [{ value: stored, label: storedLabel }, ...choices];
  return choices.map((choice, index) => (index === same ? { value: stored, label: storedLabel } : choice));
}

/** The fields chosen from a list rather than typed (gender, income band), in the profile form and the new-customer form alike. */
export type ProfileChoiceField = 'gender' | 'incomeBand';

/**
 * The gender and income band choices of a form, the edit form's and the new-customer form's alike:
 * the known values under the profile card's words (genderLabel, incomeBandFact), stored as the codes
 * they stand for ("female", "5-10M"), with the stored or kept value among them (profileChoices).
 */
export function profileChoiceLists(stored: Record<ProfileChoiceField, string>, t: I18n['t'], format: Pick<Formatters, 'compact'>): Record<ProfileChoiceField, ProfileChoice[]> {
  return {
    gender: profileChoices(knownGenders, stored.gender, (value) => genderLabel(value, t) ?? value),
    incomeBand: profileChoices(knownIncomeBands, stored.incomeBand, (value) => incomeBandFact(value, t, format)),
  };
}
