import type { Persona } from '../../api/target-group-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { PersonaFacts, PersonaTraits } from './persona-facts.js';
import { generatedNameOf, usePersonaWords, WordingText } from './persona-name-text.js';
import { personaDisplayName } from './persona-name.js';

/** One persona in the list: its name links to the full profile. */
export function PersonaCard({ persona }: { persona: Persona }) {
  const { t } = useI18n();
  const words = usePersonaWords();
  return (
    <section className="card persona-card" aria-labelledby={`persona-${persona.personaId}`}>
      <header className="card-header">
        <h2 id={`persona-${persona.personaId}`}><Link to={`/personas/${persona.personaId}`}><WordingText wording={personaDisplayName(persona, words)} /></Link></h2>
        {persona.isPinned ? <span className="badge badge-real">{t('personas.pinned')}</span> : null}
      </header>
      {persona.name !== persona.generatedName ? <p className="muted small">{t('personas.generatedName')} <WordingText wording={generatedNameOf(persona, words)} /></p> : null}
      {persona.description ? <p>{persona.description}</p> : null}
      <PersonaFacts persona={persona} />
      <PersonaTraits persona={persona} />
    </section>
  );
}
