import type { Persona } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
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
 * What sets the persona apart, in words first ("Younger than average (much)");
 * each standardised difference stays reachable for the analyst: in the chip's
 * title and, for keyboards and touch, in a list that opens below.
 */
export function PersonaTraits({ persona }: { persona: Persona }) {
  const { t, format } = useI18n();
  const words = usePersonaWords();
  if (persona.profile.traits.length === 0) return null;
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
