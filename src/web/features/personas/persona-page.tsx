import type { Persona } from '../../api/target-group-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { useSession } from '../auth/session-context.js';
import { DriftCard } from './drift-card.js';
import { incomeBandText } from './income-band.js';
import { PersonaEditForm } from './persona-edit-form.js';
import { PersonaFacts, PersonaTraits } from './persona-facts.js';
import { generatedNameOf, usePersonaWords, WordingText } from './persona-name-text.js';
import { personaDisplayName } from './persona-name.js';
import { ShareList } from './share-list.js';

export function PersonaPage({ personaId }: { personaId: number }) {
  const { t, format, locale } = useI18n();
  const { can } = useSession();
  const words = usePersonaWords();
  const persona = useApiData<Persona>(`/api/personas/${personaId}`);
  if (persona.error) return <section className="page"><ErrorMessage error={persona.error} /><Link to="/personas">{t('personas.backToList')}</Link></section>;
  if (!persona.data) return <LoadingState />;
  const { profile } = persona.data;
  const name = personaDisplayName(persona.data, words);
  const channel = (label: string) => t(`channels.${label}`);
  const type = (label: string) => t(`customerTypes.${label}`);
  const income = (label: string) => incomeBandText(label, t, format);
  return (
    <section className="page page-persona">
      <header className="page-header">
        <div>
          <Link to="/personas" className="back-link">{t('personas.backToList')}</Link>
          <h1 lang={name.lang}>{name.text}</h1>
          {persona.data.isPinned || persona.data.isRetired || persona.data.name !== persona.data.generatedName ? (
            <p className="muted">
              {persona.data.isPinned ? <><span className="badge badge-real">{t('personas.pinned')}</span>{' '}</> : null}
              {persona.data.isRetired ? <><span className="badge badge-lead">{t('personas.retired')}</span>{' '}</> : null}
              {persona.data.name === persona.data.generatedName ? null : <>{t('personas.generatedName')} <WordingText wording={generatedNameOf(persona.data, words)} /></>}
            </p>
          ) : null}
          {persona.data.description ? <p>{persona.data.description}</p> : null}
        </div>
      </header>
      <div className="persona-grid">
        <Card title={t('personas.profile')} className="card-wide">
          <PersonaFacts persona={persona.data} />
          <PersonaTraits persona={persona.data} />
        </Card>
        {can('analytics:write') ? <PersonaEditForm key={`${persona.data.personaId}-${locale}`} persona={persona.data} onSaved={() => persona.reload()} /> : null}
        <Card title={t('personas.channels')}><ShareList shares={profile.channels} labelOf={channel} /></Card>
        <Card title={t('personas.categories')}><ShareList shares={profile.categories} /></Card>
        <Card title={t('personas.topCities')}><ShareList shares={profile.topCities} /></Card>
        <Card title={t('personas.incomes')}><ShareList shares={profile.incomes} labelOf={income} /></Card>
        {profile.customerTypes ? <Card title={t('personas.customerTypes')}><ShareList shares={profile.customerTypes} labelOf={type} /></Card> : null}
        <Card title={t('personas.age')}>
          <dl className="facts">
            <div><dt>{t('personas.medianAge')}</dt><dd>{profile.age.median === null ? '–' : format.number(profile.age.median)}</dd></div>
            <div><dt>{t('personas.meanAge')}</dt><dd>{profile.age.mean === null ? '–' : format.number(profile.age.mean, 1)}</dd></div>
            <div><dt>{t('personas.ageKnown')}</dt><dd>{format.percent(profile.age.knownShare)}</dd></div>
            {profile.household && profile.household.knownShare > 0 ? (
              <>
                <div><dt>{t('personas.children')}</dt><dd>{profile.household.averageChildren === null ? '–' : format.number(profile.household.averageChildren, 2)}</dd></div>
                <div><dt>{t('personas.partnered')}</dt><dd>{profile.household.partneredShare === null ? '–' : format.percent(profile.household.partneredShare)}</dd></div>
              </>
            ) : null}
          </dl>
        </Card>
        <DriftCard title={t('personas.driftTitle', { name: name.text })} choices={[{ key: `persona-${personaId}`, label: name.text, group: { kind: 'persona', personaId } }]} />
      </div>
    </section>
  );
}
