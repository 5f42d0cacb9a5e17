import type { Persona } from '../../api/target-group-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { categoryWhys, categoryWhyText, type StoreCategory } from './category-why.js';
import { incomeBandText } from './income-band.js';
import { usePersonaWords, WordingText } from './persona-name-text.js';
import { shareText } from './share-list.js';
import { traitSentence } from './trait-words.js';

/** The profile in a few lines: who they are, what they bring, where and how they buy. */
export function PersonaFacts({ persona }: { persona: Persona }) {
  const { t, format } = useI18n();
  const { profile } = persona;
  const age = profile.age.median ?? profile.age.mean;
  const channel = (label: string) => t(`channels.${label}`);
  const type = (label: string) => t(`customerTypes.${label}`);
  const dash = '–';
  return (
    <dl className="facts persona-facts">
      <div><dt>{t('personas.size')}</dt><dd>{t('personas.sizeValue', { count: format.number(profile.size), share: format.percent(profile.share) })}</dd></div>
      <div><dt>{t('personas.revenueShare')}</dt><dd>{format.percent(profile.revenueShare)}</dd></div>
      <div><dt>{t('personas.typicalAge')}</dt><dd>{age === null ? dash : format.number(age)}</dd></div>
      <div><dt>{t('personas.typicalIncome')}</dt><dd>{profile.typicalIncome === null ? dash : incomeBandText(profile.typicalIncome, t, format)}</dd></div>
      <div><dt>{t('personas.topCities')}</dt><dd>{profile.topCities.length ? shareText(profile.topCities, format.percent) : dash}</dd></div>
      <div><dt>{t('personas.channels')}</dt><dd>{profile.channels.length ? shareText(profile.channels, format.percent, channel) : dash}</dd></div>
      <div><dt>{t('personas.categories')}</dt><dd>{profile.categories.length ? shareText(profile.categories, format.percent) : dash}</dd></div>
      <div><dt>{t('personas.customerTypes')}</dt><dd>{profile.customerTypes?.length ? shareText(profile.customerTypes, format.percent, type) : dash}</dd></div>
      <div><dt>{t('personas.averageOrders')}</dt><dd>{format.number(profile.averageOrders, 1)}</dd></div>
      <div><dt>{t('personas.averageSpend')}</dt><dd>{format.money(profile.averageRevenueMinor)}</dd></div>
    </dl>
  );
}

/**
 * What sets the persona apart, in words first ("Younger than average (much)"),
 * with the shares behind a naming category ("bread: 12.7% of their spending,
 * 4× the store's average of 3.2%"): a category names a persona for standing
 * out, not for being its largest. Each standardised difference stays reachable
 * for the analyst: in the chip's title and, for keyboards and touch, in a list
 * that opens below.
 */
export function PersonaTraits({ persona }: { persona: Persona }) {
  const { t, format } = useI18n();
  const words = usePersonaWords();
  const hasCategoryTrait = persona.profile.traits.some((trait) => trait.column.startsWith('category:'));
  // the store's own shares, read only when a category is among the traits
  const store = useApiData<{ items: StoreCategory[] }>(hasCategoryTrait ? '/api/categories' : null, { limit: 1000 });
  if (persona.profile.traits.length === 0) return null;
  // said once the store's shares are in (or cannot be read), so the sentence does not change under the reader
  const whys = store.isLoading ? [] : categoryWhys(persona.profile, store.data?.items ?? null);
  const traits = persona.profile.traits.map((trait) => ({
    column: trait.column,
    sentence: traitSentence(trait, words, t),
    number: t('personas.traitDifference', { difference: signed(trait.difference, format.number) }),
  }));
  return (
    <div className="persona-traits-block">
      <p className="persona-traits small">
        <span className="muted">{t('personas.traits')}</span>{' '}
        {traits.map((trait) => (
          <span key={trait.column} className="type-tag" title={trait.number}><WordingText wording={trait.sentence} /></span>
        ))}
      </p>
      {whys.map((why) => <p key={why.category} className="persona-category-why small">{categoryWhyText(why, t, format)}</p>)}
      <details className="persona-trait-numbers small muted">
        <summary>{t('personas.traitNumbers')}</summary>
        <ul>
          {traits.map((trait) => <li key={trait.column}><WordingText wording={trait.sentence} />: {trait.number}</li>)}
        </ul>
      </details>
    </div>
  );
}

/** "+0.77" and "-0.77": the sign is half of what the number says. */
function signed(value: number, number: (value: number, digits?: number) => string): string {
  return `${value > 0 ? '+' : ''}${number(value, 2)}`;
}
