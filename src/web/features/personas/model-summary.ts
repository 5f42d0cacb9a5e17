import type { PersonaList } from '../../api/target-group-types.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';

type Model = NonNullable<PersonaList['model']>;

/**
 * "3 personas, fitted on 1,220 of 2,391 buyers on 3 Dec 2026; 1,171 were left out:
 * no consent to profiling". The count of all buyers takes in those without
 * consent, as they are counted now (GET /api/personas): a count of only the
 * consenting ones read as every buyer in the store. The word after a count
 * agrees with it (Latvian "no 121 pircēja", "no 120 pircējiem"), so each
 * message has a form per count.
 */
export function modelSummaryText(model: Pick<Model, 'k' | 'sample_size' | 'population' | 'discovered_at'>, withoutConsent: number, locale: Locale, t: I18n['t'], format: Pick<Formatters, 'number' | 'date'>): string {
  const buyers = model.population + withoutConsent;
  const summary = t(pluralKey(locale, 'personas.modelSummary', buyers), {
    k: model.k, sample: format.number(model.sample_size), population: format.number(buyers), date: format.date(model.discovered_at),
  });
  if (withoutConsent <= 0) return summary;
  return t(pluralKey(locale, 'personas.leftOutWithoutConsent', withoutConsent), { summary, count: format.number(withoutConsent) });
}
