import type { PersonaList } from '../../api/target-group-types.js';
import type { Locale } from '../../api/types.js';
import type { Formatters } from '../../i18n/format.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { pluralKey } from '../../i18n/plural.js';

type Model = NonNullable<PersonaList['model']>;

/**
 * "3 personas, fitted on 1,196 of 1,196 buyers on 3 Dec 2026". The word after
 * the buyers' count agrees with it (Latvian "no 121 pircēja", "no 120
 * pircējiem"), so the message has a form per count.
 */
export function modelSummaryText(model: Pick<Model, 'k' | 'sample_size' | 'population' | 'discovered_at'>, locale: Locale, t: I18n['t'], format: Pick<Formatters, 'number' | 'date'>): string {
  return t(pluralKey(locale, 'personas.modelSummary', model.population), {
    k: model.k, sample: format.number(model.sample_size), population: format.number(model.population), date: format.date(model.discovered_at),
  });
}
