import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { countPersonaSegmentMembers, findSegmentsLosingPersonas, renamePersonasInFilters, segmentErrorCodes, type SegmentLosingPersonas } from '../segments/index.js';
import { storeNow } from '../settings/index.js';
import { assignPersonas, refreshProfiles } from './assign.service.js';
import { squaredDistance } from './cluster-quality.js';
import type { ClusterCandidate } from './clustering.js';
import { underDiscoveryLock } from './discovery-lock.js';
import { minimumBuyersForDiscovery } from './discovery-minimum.js';
import { discoveryShortfall } from './discovery-shortfall.js';
import { buildColumns, fitFeatureSpec, rawFeatures, toPoint, translateCentroid } from './kmeans-features.js';
import { countBuyers, loadFeatureContext, loadRawSample } from './persona-features.repo.js';
import { distinguishingTraits, personaName, uniqueNames, type PersonaTrait } from './persona-names.js';
import type { PersonaProfile } from './persona-profile.repo.js';
import { personaErrorCodes } from './personas.errors.js';
import { retirementConflictMessage } from './segment-retirement.js';
import { carryPersona, findCurrentModel, insertModel, insertPersona, listActivePersonas, retirePersonas, type PersonaRow } from './personas.repo.js';

type Db = Kysely<Database>;

export type DiscoverOptions = {
  clock: Clock; k?: number; kMin?: number; kMax?: number; sampleSize?: number; seed?: number; silhouetteSample?: number;
  /** Discover even when saved segments name personas it retires (they then match no one by them); refused otherwise. */
  retireSegmentPersonas?: boolean;
};
export type DiscoveredPersona = { personaId: number; name: string; generatedName: string; isPinned: boolean; profile: PersonaProfile };
export type Discovery = {
  modelId: number; k: number; silhouette: number; candidates: ClusterCandidate[]; sampleSize: number;
  /** Buyers who agreed to profiling: the population fitted and assigned. */
  population: number;
  /** Buyers left out because they have not agreed to profiling (refused, or never asked). */
  withoutConsent: number;
  personas: DiscoveredPersona[]; seconds: { fit: number; assign: number; total: number };
  /** Saved segments naming a persona this discovery retired (only with retireSegmentPersonas: otherwise it is refused). */
  segments: SegmentLosingPersonas[];
};

type Slot = { centroid: number[]; pinned: PersonaRow | null };

/**
 * Pinned personas keep their name and centroid: each takes the nearest new
 * cluster's place (closest pairs first); if there are more pinned personas than
 * clusters, the rest are added as they are.
 */
export function placePinned(fitted: number[][], pinned: Array<{ persona: PersonaRow; centroid: number[] }>): Slot[] {
  const slots: Slot[] = fitted.map((centroid) => ({ centroid, pinned: null }));
  const pairs = pinned.flatMap((entry, p) => fitted.map((centroid, f) => ({ p, f, distance: squaredDistance(entry.centroid, centroid) })))
    .sort((a, b) => a.distance - b.distance);
  const placed = new Set<number>();
  for (const pair of pairs) {
    if (placed.has(pair.p) || slots[pair.f].pinned) continue;
    slots[pair.f] = { centroid: pinned[pair.p].centroid, pinned: pinned[pair.p].persona };
    placed.add(pair.p);
  }
  pinned.forEach((entry, p) => {
    if (!placed.has(p)) slots.push({ centroid: entry.centroid, pinned: entry.persona });
  });
  return slots;
}

/**
 * Finds buyer personas: fits standardised features on a sample (at most
 * `sampleSize`, 50 000 by default), picks k by silhouette over 2..8, names each
 * persona by its distinguishing traits, then assigns every buyer to the nearest
 * persona and stores profiles — all in one transaction. Only buyers who agreed
 * to profiling are sampled, described or assigned; the rest are counted.
 * Discoveries run one at a time per store, across processes (discovery-lock.ts).
 */
export async function discoverPersonas(db: Db, options: DiscoverOptions): Promise<Discovery> {
  return underDiscoveryLock(db, () => discoverWhileHeld(db, options));
}

async function discoverWhileHeld(db: Db, options: DiscoverOptions): Promise<Discovery> {
  const started = performance.now();
  const asOf = await storeNow(db, options.clock);
  const seed = options.seed ?? 1;
  const { profiled: population, withoutConsent } = await countBuyers(db);
  const shortfall = discoveryShortfall({ minimumBuyers: minimumBuyersForDiscovery(options), buyers: population, withoutConsent });
  if (shortfall !== null) throw new AppError(segmentErrorCodes.tooFewCustomers, shortfall, { buyers: population, withoutConsent });
  const context = await loadFeatureContext(db, asOf);
  const sample = await loadRawSample(db, { hasHousehold: context.hasHousehold, size: Math.min(options.sampleSize ?? 50_000, population), seed });
  const columns = buildColumns(context);
  const raws = sample.map((customer) => rawFeatures(customer, context, columns));
  const spec = fitFeatureSpec(raws, context, columns);
  const points = raws.map((raw) => toPoint(raw, spec));
  // loaded here, not with the module: the k-means library takes a third of a second to load, on every CLI start and server start otherwise
  const { chooseClusters, labelPoints } = await import('./clustering.js');
  const clustering = chooseClusters(points, { k: options.k, kMin: options.kMin, kMax: options.kMax, seed, silhouetteSample: options.silhouetteSample });

  const previous = await findCurrentModel(db);
  const previousPersonas = previous ? await listActivePersonas(db, previous.model_id) : [];
  const pinned = previousPersonas.filter((persona) => persona.is_pinned)
    .map((persona) => ({ persona, centroid: translateCentroid(persona.centroid, previous!.spec, spec) }));
  const slots = placePinned(clustering.centroids, pinned);
  const labels = labelPoints(points, slots.map((slot) => slot.centroid));
  const traits = distinguishingTraits(spec, raws, labels, slots.length);
  const generatedNames = uniqueNames(traits.map(personaName));
  const fitSeconds = (performance.now() - started) / 1000;

  const result = await db.transaction().execute(async (trx) => {
    const membersBefore = await countPersonaSegmentMembers(trx);
    const modelId = await insertModel(trx, {
      discovered_at: asOf, k: slots.length, silhouette: clustering.silhouette, sample_size: sample.length, population, spec, candidates: clustering.candidates,
    });
    await retirePersonas(trx, previousPersonas.filter((persona) => !persona.is_pinned).map((persona) => persona.persona_id), asOf);
    const traitsById = new Map<number, PersonaTrait[]>();
    for (const [index, slot] of slots.entries()) {
      const personaId = slot.pinned
        ? (await carryPersona(trx, slot.pinned.persona_id, { modelId, centroid: slot.centroid, generatedName: generatedNames[index], at: asOf }), slot.pinned.persona_id)
        : await insertPersona(trx, { modelId, name: generatedNames[index], generatedName: generatedNames[index], centroid: slot.centroid });
      traitsById.set(personaId, traits[index]);
    }
    // a pinned persona whose name nobody gave took the new generated name (carryPersona): segments follow it
    await renamePersonasInFilters(trx, slots.flatMap((slot, index) => (slot.pinned && slot.pinned.name === slot.pinned.generated_name ? [{ from: slot.pinned.name, to: generatedNames[index] }] : [])));
    const assignment = await assignPersonas(trx, undefined, { asOf, skipProfiles: true });
    const personas = await listActivePersonas(trx, modelId);
    const profiles = await refreshProfiles(trx, personas, asOf, traitsById);
    const segments = await findSegmentsLosingPersonas(trx, { wereCurrent: previousPersonas.map((persona) => persona.name), membersBefore });
    // thrown inside the transaction, so the refusal leaves personas and segments as they were
    if (segments.length > 0 && !options.retireSegmentPersonas) {
      const lost = new Set(segments.flatMap((segment) => segment.personas.map((name) => name.toLowerCase())));
      const retired = previousPersonas.filter((persona) => lost.has(persona.name.toLowerCase())).map((persona) => ({ personaId: persona.persona_id, name: persona.name }));
      throw new AppError(personaErrorCodes.segmentsConflict, retirementConflictMessage(segments, retired), { field: 'retireSegmentPersonas', segments, personas: retired });
    }
    return { modelId, assignment, personas, profiles, segments };
  });
  return {
    modelId: result.modelId, k: slots.length, silhouette: clustering.silhouette, candidates: clustering.candidates, sampleSize: sample.length, population, withoutConsent,
    personas: result.personas.map((persona) => ({
      personaId: persona.persona_id, name: persona.name, generatedName: persona.generated_name, isPinned: persona.is_pinned, profile: result.profiles.get(persona.persona_id)!,
    })).sort((a, b) => b.profile.size - a.profile.size),
    seconds: { fit: fitSeconds, assign: result.assignment.seconds, total: (performance.now() - started) / 1000 },
    segments: result.segments,
  };
}
