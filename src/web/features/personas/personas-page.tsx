import { useId, useRef, useState } from 'react';
import { api, ApiError } from '../../api/client.js';
import type { SegmentsPage } from '../../api/analytics-types.js';
import { useApiData } from '../../api/use-api-data.js';
import { ConfirmBox } from '../../components/confirm-box.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useSession } from '../auth/session-context.js';
import { useFocusOnClose } from '../customers/use-focus-on-close.js';
import { discoveryShortfall, shortfallText, type PersonaListWithReadiness } from './discovery-readiness.js';
import { Distinctness } from './distinctness-text.js';
import { DriftCard, type GroupChoice } from './drift-card.js';
import { modelSummaryText } from './model-summary.js';
import { PersonaCard } from './persona-card.js';
import { usePersonaWords } from './persona-name-text.js';
import { personaDisplayName } from './persona-name.js';
import { SegmentLosses, type SegmentLoss } from './segment-losses.js';

/**
 * `confirm`: the server refused to retire personas saved segments name, and asks; `done`: the discovery of
 * model `modelId` finished, and `retired` besides retired personas saved segments name, when told to.
 */
type Discovery = { status: 'idle' } | { status: 'running' } | { status: 'failed'; error: Error }
  | { status: 'confirm'; segments: SegmentLoss[] } | { status: 'done'; modelId: number } | { status: 'retired'; modelId: number; segments: SegmentLoss[] };

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
  // Discover asked the question: focus goes back to it when the question closes
  const discoverButton = useRef<HTMLButtonElement>(null);
  useFocusOnClose(discovery.status === 'confirm', discoverButton);
  const isRunning = discovery.status === 'running';
  // said once the list shows the model found: the summary of the model before it would read as the outcome
  const found = (discovery.status === 'done' || discovery.status === 'retired') && personas.data?.model?.model_id === discovery.modelId ? personas.data.model : null;
  let outcome = '';
  if (isRunning) outcome = t('personas.discovering');
  else if (found) outcome = t('personas.discovered', { summary: modelSummaryText(found, personas.data?.discovery?.withoutConsent ?? 0, locale, t, format) });

  const discover = (retireSegmentPersonas = false) => {
    if (isRunning) return;
    setDiscovery({ status: 'running' });
    api.post<{ modelId: number; segments?: SegmentLoss[] }>('/api/personas/discover', retireSegmentPersonas ? { retireSegmentPersonas } : {})
      .then((result) => {
        const losses = result.segments ?? [];
        setDiscovery(losses.length > 0 ? { status: 'retired', modelId: result.modelId, segments: losses } : { status: 'done', modelId: result.modelId });
        personas.reload();
        // the segment list below (drift's choices) and its problems changed with the discovery
        if (losses.length > 0) segments.reload();
      })
      .catch((error: Error) => {
        const losses = segmentsConflictOf(error);
        setDiscovery(losses ? { status: 'confirm', segments: losses } : { status: 'failed', error });
      });
  };
  // aria-disabled, not disabled, while it runs: a disabled button drops the keyboard's focus to the page's start
  const discoverControl = can('analytics:write') ? (
    <button ref={discoverButton} type="button" className={isMissing ? 'button-primary' : 'button-secondary'} onClick={() => discover()}
      disabled={shortfall !== null} aria-disabled={isRunning} aria-describedby={shortfall ? shortfallId : undefined}>
      {isRunning ? t('personas.discovering') : isMissing ? t('personas.discover') : t('personas.rediscover')}
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
        <div className="button-row">
          {discoverControl}
          {isRunning ? <progress aria-label={t('personas.discovering')} /> : null}
        </div>
      </header>
      {/* the outcome in words, apart from the button: a status around the button read out only its label */}
      <p className="muted small" role="status" aria-live="polite">{outcome}</p>
      {shortfall ? <p className="notice" id={shortfallId}>{shortfallText(shortfall, locale, t, format)}</p> : null}
      {discovery.status === 'failed' ? <ErrorMessage error={discovery.error} /> : null}
      {discovery.status === 'confirm' ? (
        <ConfirmBox question={t('personas.segmentsConflict')} confirmLabel={t('personas.discoverAnyway')} onConfirm={() => discover(true)} onCancel={() => setDiscovery({ status: 'idle' })}>
          <SegmentLosses segments={discovery.segments} />
          <p>{t('personas.segmentsConflictAdvice')}</p>
        </ConfirmBox>
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
