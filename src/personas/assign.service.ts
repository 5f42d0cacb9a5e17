import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { refreshSegmentsReadingField, segmentErrorCodes } from '../segments/index.js';
import { nearestCentroid } from './cluster-quality.js';
import { rawFeatures, toPoint, type FeatureSpec, type RawCustomer } from './kmeans-features.js';
import { loadRawPage } from './persona-features.repo.js';
import { computeProfiles, type PersonaProfile } from './persona-profile.repo.js';
import type { PersonaTrait } from './persona-names.js';
import { deleteAssignmentsExcept, findCurrentModel, listActivePersonas, updatePersonaFields, upsertAssignments, type PersonaModel, type PersonaRow } from './personas.repo.js';
import { inTransaction } from '../db/in-transaction.js';

type Db = Kysely<Database>;
const pageSize = 20_000;


export type Assignment = { assigned: number; seconds: number };

/** The current model and its personas; `found` is the model when the caller has read it already. */
export async function requireCurrentModel(db: Db, found?: PersonaModel | null): Promise<{ model: PersonaModel; personas: PersonaRow[] }> {
  const model = found === undefined ? await findCurrentModel(db) : found;
  if (!model) throw new AppError(segmentErrorCodes.personasMissing, 'No personas have been discovered yet. Run `clientele personas discover` first.');
  return { model, personas: await listActivePersonas(db, model.model_id) };
}

function assignBatch(customers: RawCustomer[], spec: FeatureSpec, personas: PersonaRow[]) {
  const centroids = personas.map((persona) => persona.centroid);
  const customerIds: number[] = [];
  const personaIds: number[] = [];
  const distances: number[] = [];
  for (const customer of customers) {
    const nearest = nearestCentroid(toPoint(rawFeatures(customer, spec.context, spec.columns), spec), centroids);
    customerIds.push(customer.customerId);
    personaIds.push(personas[nearest.index].persona_id);
    distances.push(nearest.distance);
  }
  return { customerIds, personaIds, distances };
}

/**
 * Places customers at their nearest persona of the current model. With
 * `customerIds` only those are reconsidered (the ingest path after a batch);
 * without, everyone is reassigned in one transaction and profiles refreshed.
 */
export async function assignPersonas(db: Db, customerIds?: number[], options: { asOf?: Date; skipProfiles?: boolean } = {}): Promise<Assignment> {
  const started = performance.now();
  const at = options.asOf ?? new Date();
  // the ingest path calls this after every batch: before any discovery there is nothing to do
  const current = await findCurrentModel(db);
  if (customerIds && !current) return { assigned: 0, seconds: 0 };
  const { model, personas } = await requireCurrentModel(db, current);
  if (personas.length === 0) return { assigned: 0, seconds: 0 };
  const hasHousehold = model.spec.context.hasHousehold;
  let assigned = 0;
  if (customerIds) {
    const unique = [...new Set(customerIds)];
    for (let start = 0; start < unique.length; start += pageSize) {
      const chunk = unique.slice(start, start + pageSize);
      const customers = await loadRawPage(db, { hasHousehold, customerIds: chunk, limit: chunk.length });
      const batch = assignBatch(customers, model.spec, personas);
      await upsertAssignments(db, batch, at);
      // customers that stopped being buyers or were merged away leave their persona
      await deleteAssignmentsExcept(db, chunk, batch.customerIds);
      assigned += batch.customerIds.length;
    }
    // after the caller's own refresh of these customers (ingest, profile edits), which read their old persona
    await refreshSegmentsReadingField(db, 'persona', { asOf: at, customerIds: unique });
    return { assigned, seconds: (performance.now() - started) / 1000 };
  }
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('customer_persona').execute();
    let after: number | undefined;
    while (true) {
      const customers = await loadRawPage(trx, { hasHousehold, afterCustomerId: after, limit: pageSize });
      if (customers.length === 0) break;
      await upsertAssignments(trx, assignBatch(customers, model.spec, personas), at);
      assigned += customers.length;
      after = customers[customers.length - 1].customerId;
    }
    if (!options.skipProfiles) await refreshProfiles(trx, personas, at);
    // a discovery assigns everyone anew here, in its transaction: its persona segments commit with it
    await refreshSegmentsReadingField(trx, 'persona', { asOf: at });
  });
  return { assigned, seconds: (performance.now() - started) / 1000 };
}

/** Recomputes the stored profiles, keeping each persona's distinguishing traits from discovery. */
export async function refreshProfiles(db: Db, personas: PersonaRow[], asOf: Date, traits?: Map<number, PersonaTrait[]>): Promise<Map<number, PersonaProfile>> {
  const known = traits ?? new Map(personas.map((persona) => [persona.persona_id, ((persona.profile ?? {}) as Partial<PersonaProfile>).traits ?? []]));
  const profiles = await computeProfiles(db, personas.map((persona) => persona.persona_id), asOf, known);
  for (const [personaId, profile] of profiles) await updatePersonaFields(db, personaId, { profile });
  return profiles;
}
