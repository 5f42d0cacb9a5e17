import { useId, useState } from 'react';
import { api, ApiError } from '../../api/client.js';
import type { SegmentsPage } from '../../api/analytics-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { discoveryShortfall, type PersonaListWithReadiness } from './discovery-readiness.js';
import { Distinctness } from './distinctness-text.js';
import { DriftCard, type GroupChoice } from './drift-card.js';
import { modelSummaryText } from './model-summary.js';
import { PersonaCard } from './persona-card.js';
import { usePersonaWords } from './persona-name-text.js';
import { personaDisplayName } from './persona-name.js';
import { SegmentLosses, type SegmentLoss } from './segment-losses.js';

/** `confirm`: the server refused to retire personas saved segments name, and asks; `retired`: it did, when told to. */
type Discovery = { status: 'idle' } | { status: 'running' } | { status: 'failed'; error: Error }
  | { status: 'confirm'; segments: SegmentLoss[] } | { status: 'retired'; segments: SegmentLoss[] };

const segmentsConflictOf = (error: Error): SegmentLoss[] | null => (error instanceof ApiError && error.code === 'PERSONA_DISCOVERY_SEGMENTS_CONFLICT' && Array.isArray(error.details?.segments)
  ? error.details.segments as SegmentLoss[] : null);

/** The current personas, largest first, with discovery for those who may and drift for everyone. */
export function PersonasPage() {
  const { t, format, locale } = useI18n();
  const { can } = useSession();
  const words = usePersonaWords();
  const personas = useApiData<PersonaListWithReadiness>('/api/personas');
  const segments = useApiData<SegmentsPage>('/api/segments');
  const [discovery, setDiscovery] = useState<Discovery>({ status: 'idle' });
  const isMissing = personas.data?.model === null;
  // said before any click: a store with too few buyers would only learn it from the server's refusal
  const shortfall = discoveryShortfall(personas.data?.discovery);
  const shortfallId = useId();
  const conflictId = useId();

  const discover = (retireSegmentPersonas = false) => {
    setDiscovery({ status: 'running' });
    api.post<{ segments?: SegmentLoss[] }>('/api/personas/discover', retireSegmentPersonas ? { retireSegmentPersonas } : {})
      .then((result) => {
        const losses = result.segments ?? [];
        setDiscovery(losses.length > 0 ? { status: 'retired', segments: losses } : { status: 'idle' });
        personas.reload();
        // the segment list below (drift's choices) and its problems changed with the discovery
        if (losses.length > 0) segments.reload();
      })
      .catch((error: Error) => {
        const losses = segmentsConflictOf(error);
        setDiscovery(losses ? { status: 'confirm', segments: losses } : { status: 'failed', error });
      });
  };
  const discoverButton = can('analytics:write') ? (
    <button type="button" className={isMissing ? 'button-primary' : 'button-secondary'} onClick={() => discover()}
      disabled={discovery.status === 'running' || shortfall !== null} aria-describedby={shortfall ? shortfallId : undefined}>
      {discovery.status === 'running' ? t('personas.discovering') : isMissing ? t('personas.discover') : t('personas.rediscover')}
    </button>
  ) : null;

  const choices: GroupChoice[] = [
    { key: 'all', label: t('drift.allCustomers'), group: { kind: 'all' } },
    ...(personas.data?.personas ?? []).map((persona) => ({ key: `persona-${persona.personaId}`, label: t('drift.personaChoice', { name: personaDisplayName(persona, words).text }), group: { kind: 'persona' as const, personaId: persona.personaId } })),
    ...(segments.data?.items ?? []).map((segment) => ({ key: `segment-${segment.segment_id}`, label: t('drift.segmentChoice', { name: segment.name }), group: { kind: 'segment' as const, segment: segment.segment_id } })),
  ];

  let body;
  if (isMissing && shortfall) body = null;
  else if (isMissing) body = <p className="empty-state">{can('analytics:write') ? t('personas.noneYetWriter') : t('personas.noneYet')}</p>;
  else if (personas.error) body = <ErrorMessage error={personas.error} />;
  else if (!personas.data?.model) body = <LoadingState />;
  else {
    const { model } = personas.data;
    body = (
      <>
        <p className="muted">{modelSummaryText(model, personas.data.discovery?.withoutConsent ?? 0, locale, t, format)}</p>
        <Distinctness silhouette={model.silhouette} />
        <div className="persona-list">
          {personas.data.personas.map((persona) => <PersonaCard key={persona.personaId} persona={persona} />)}
        </div>
      </>
    );
  }
  return (
    <section className="page page-personas">
      <header className="page-header">
        <div>
          <h1>{t('personas.title')}</h1>
          <p className="muted">{t('personas.intro')}</p>
        </div>
        <div className="button-row" role="status" aria-live="polite">
          {discoverButton}
          {discovery.status === 'running' ? <progress aria-label={t('personas.discovering')} /> : null}
        </div>
      </header>
      {shortfall ? <p className="notice" id={shortfallId}>{t('personas.tooFewBuyers', { minimum: format.number(shortfall.minimumBuyers), count: format.number(shortfall.buyers) })}</p> : null}
      {discovery.status === 'failed' ? <ErrorMessage error={discovery.error} /> : null}
      {discovery.status === 'confirm' ? (
        <div className="notice" role="alertdialog" aria-labelledby={conflictId}>
          <p id={conflictId}>{t('personas.segmentsConflict')}</p>
          <SegmentLosses segments={discovery.segments} />
          <p>{t('personas.segmentsConflictAdvice')}</p>
          <div className="button-row">
            <button type="button" className="button-danger" onClick={() => discover(true)}>{t('personas.discoverAnyway')}</button>
            <button type="button" className="button-quiet" onClick={() => setDiscovery({ status: 'idle' })}>{t('common.cancel')}</button>
          </div>
        </div>
      ) : null}
      {discovery.status === 'retired' ? (
        <div className="notice" role="status">
          <p>{t('personas.segmentsRetired')}</p>
          <SegmentLosses segments={discovery.segments} />
          <p>{t('personas.segmentsRetiredAdvice')}</p>
        </div>
      ) : null}
      {body}
      <DriftCard choices={choices} />
    </section>
  );
}
