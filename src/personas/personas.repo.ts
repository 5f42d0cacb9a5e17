import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { FeatureSpec } from './kmeans-features.js';
import type { ClusterCandidate } from './clustering.js';

type Db = Kysely<Database>;

export type PersonaRow = {
  persona_id: number;
  model_id: number;
  name: string;
  generated_name: string;
  description: string | null;
  is_pinned: boolean;
  centroid: number[];
  profile: unknown;
  updated_at: Date;
};
export type PersonaModel = { model_id: number; discovered_at: Date; k: number; silhouette: number | null; sample_size: number; population: number; spec: FeatureSpec; candidates: ClusterCandidate[] };

const parse = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const personaColumns = ['persona_id', 'model_id', 'name', 'generated_name', 'description', 'is_pinned', 'centroid', 'profile', 'updated_at'] as const;

export async function findCurrentModel(db: Db): Promise<PersonaModel | null> {
  const row = await db.selectFrom('persona_model').selectAll().where('is_current', '=', true).executeTakeFirst();
  if (!row) return null;
  return {
    model_id: Number(row.model_id), discovered_at: row.discovered_at, k: row.k, silhouette: row.silhouette, sample_size: row.sample_size,
    population: row.population, spec: parse<FeatureSpec>(row.feature_spec), candidates: parse<ClusterCandidate[]>(row.candidates),
  };
}

export async function listActivePersonas(db: Db, modelId: number): Promise<PersonaRow[]> {
  const rows = await db.selectFrom('persona').select(personaColumns)
    .where('model_id', '=', modelId).where('retired_at', 'is', null).orderBy('persona_id').execute();
  return rows.map((row) => ({ ...row, persona_id: Number(row.persona_id), model_id: Number(row.model_id), centroid: row.centroid.map(Number), profile: parse(row.profile) }));
}

export async function findPersona(db: Db, personaId: number): Promise<(PersonaRow & { retired_at: Date | null }) | undefined> {
  const row = await db.selectFrom('persona').select([...personaColumns, 'retired_at']).where('persona_id', '=', personaId).executeTakeFirst();
  return row && { ...row, persona_id: Number(row.persona_id), model_id: Number(row.model_id), centroid: row.centroid.map(Number), profile: parse(row.profile) };
}

export async function insertModel(db: Db, model: Omit<PersonaModel, 'model_id'>): Promise<number> {
  const tables = db;
  await tables.updateTable('persona_model').set({ is_current: false }).where('is_current', '=', true).execute();
  const row = await tables.insertInto('persona_model').values({
    discovered_at: model.discovered_at, k: model.k, silhouette: model.silhouette, sample_size: model.sample_size, population: model.population,
    feature_spec: JSON.stringify(model.spec), candidates: JSON.stringify(model.candidates), is_current: true,
  }).returning('model_id').executeTakeFirstOrThrow();
  return Number(row.model_id);
}

export async function retirePersonas(db: Db, personaIds: number[], at: Date): Promise<void> {
  if (personaIds.length === 0) return;
  await db.updateTable('persona').set({ retired_at: at, updated_at: at }).where('persona_id', 'in', personaIds).execute();
}

export async function insertPersona(db: Db, persona: { modelId: number; name: string; generatedName: string; centroid: number[] }): Promise<number> {
  const row = await db.insertInto('persona').values({
    model_id: persona.modelId, name: persona.name, generated_name: persona.generatedName, centroid: persona.centroid, profile: '{}',
  }).returning('persona_id').executeTakeFirstOrThrow();
  return Number(row.persona_id);
}

/** A pinned persona moves to the new model with its name, description and (translated) centroid. */
export async function carryPersona(db: Db, personaId: number, changes: { modelId: number; centroid: number[]; generatedName: string; at: Date }): Promise<void> {
  await db.updateTable('persona')
    // a name nobody gave (still the generated one) follows the new generated name; a given name stays
    .set({ model_id: changes.modelId, centroid: changes.centroid, generated_name: changes.generatedName, name: sql<string>`case when name = generated_name then ${changes.generatedName} else name end`, updated_at: changes.at })
    .where('persona_id', '=', personaId).execute();
}

export async function updatePersonaFields(db: Db, personaId: number, changes: { name?: string; description?: string | null; isPinned?: boolean; profile?: unknown }): Promise<void> {
  await db.updateTable('persona').set({
    ...(changes.name === undefined ? {} : { name: changes.name }),
    ...(changes.description === undefined ? {} : { description: changes.description }),
    ...(changes.isPinned === undefined ? {} : { is_pinned: changes.isPinned }),
    ...(changes.profile === undefined ? {} : { profile: JSON.stringify(changes.profile) }),
    updated_at: new Date(),
  }).where('persona_id', '=', personaId).execute();
}

/**
 * Another persona of the same discovery with this name, ignoring case. Takes
 * the discovery's persona rows first (in id order), so two renames at once
 * queue and the second sees the first's name.
 */
export async function findPersonaNamed(db: Db, options: { modelId: number; name: string; exceptPersonaId: number }): Promise<{ persona_id: number; name: string } | undefined> {
  await sql`select persona_id from persona where model_id = ${options.modelId} order by persona_id for update`.execute(db);
  const result = await sql<{ persona_id: number; name: string }>`
    select persona_id, name from persona
    where model_id = ${options.modelId} and persona_id <> ${options.exceptPersonaId} and lower(name) = lower(${options.name})
    order by persona_id limit 1`.execute(db);
  return result.rows[0];
}

/** Writes one batch of assignments with a single statement. */
export async function upsertAssignments(db: Db, batch: { customerIds: number[]; personaIds: number[]; distances: number[] }, at: Date): Promise<void> {
  if (batch.customerIds.length === 0) return;
  await sql`
    insert into customer_persona (customer_id, persona_id, distance, assigned_at)
    select customer_id, persona_id, distance, ${at}::timestamptz
    from unnest(${batch.customerIds}::bigint[], ${batch.personaIds}::bigint[], ${batch.distances}::float8[]) as s(customer_id, persona_id, distance)
    on conflict (customer_id) do update set persona_id = excluded.persona_id, distance = excluded.distance, assigned_at = excluded.assigned_at`.execute(db);
}

/** After a full pass: customers not assigned in it (no longer buyers, merged away) lose their persona. */
export async function deleteAssignmentsBefore(db: Db, at: Date): Promise<number> {
  const result = await sql`delete from customer_persona where assigned_at < ${at}::timestamptz`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function deleteAssignmentsExcept(db: Db, customerIds: number[], kept: number[]): Promise<void> {
  await sql`delete from customer_persona where customer_id = any(${customerIds}::bigint[]) and not (customer_id = any(${kept}::bigint[]))`.execute(db);
}
