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
 * field alone leaves it as it is: in place of the known value it reads as ("F" as Female), else first.
 * `stored` is '' when none is.
 */
export function profileChoices(known: readonly string[], stored: string, labelOf: (value: string) => string): ProfileChoice[] {
  const choices = known.map((value) => ({ value, label: labelOf(value) }));
  if (stored === '') return choices;
  const storedLabel = labelOf(stored);
  const same = choices.findIndex((choice) => choice.value === stored || choice.label === storedLabel);
  if (same === -1) return [{ value: stored, label: storedLabel }, ...choices];
  return choices.map((choice, index) => (index === same ? { value: stored, label: storedLabel } : choice));
}
