import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { segmentErrorCodes } from '../segments/index.js';
import { requireCurrentModel } from './assign.service.js';
import { minimumBuyersForDiscovery } from './discovery-minimum.js';
import { countBuyersUpTo } from './persona-features.repo.js';
import type { PersonaProfile } from './persona-profile.repo.js';
import { findPersona, updatePersonaFields, type PersonaModel } from './personas.repo.js';

type Db = Kysely<Database>;

export type PersonaView = {
  personaId: number; name: string; generatedName: string; description: string | null; isPinned: boolean; isRetired: boolean; profile: PersonaProfile;
};
export type PersonaList = { model: Omit<PersonaModel, 'spec'> & { features: string[] }; personas: PersonaView[] };

const view = (persona: { persona_id: number; name: string; generated_name: string; description: string | null; is_pinned: boolean; profile: unknown; retired_at?: Date | null }): PersonaView => ({
  personaId: persona.persona_id, name: persona.name, generatedName: persona.generated_name, description: persona.description,
  isPinned: persona.is_pinned, isRetired: Boolean(persona.retired_at), profile: persona.profile as PersonaProfile,
});

/** The current personas, largest first, with the model they come from. */
/** `found` is the current model when the caller read it already. */
export async function listPersonas(db: Db, found?: PersonaModel | null): Promise<PersonaList> {
  const { model, personas } = await requireCurrentModel(db, found);
  const { spec, ...rest } = model;
  return {
    model: { ...rest, features: spec.columns.filter((_, index) => spec.multipliers[index] !== 0).map((column) => column.name) },
    personas: personas.map(view).sort((a, b) => (b.profile.size ?? 0) - (a.profile.size ?? 0)),
  };
}

/** What a discovery with the default range of k needs, and the store's buyers counted no further than that. */
export type DiscoveryReadiness = { minimumBuyers: number; buyers: number };

/** Read before any click, so the page can say that a store is too small instead of letting the discovery fail. */
export async function readDiscoveryReadiness(db: Db): Promise<DiscoveryReadiness> {
  const minimumBuyers = minimumBuyersForDiscovery();
  return { minimumBuyers, buyers: await countBuyersUpTo(db, minimumBuyers) };
}

export async function getPersona(db: Db, personaId: number): Promise<PersonaView> {
  const persona = await findPersona(db, personaId);
  if (!persona) throw new AppError(segmentErrorCodes.personaNotFound, `There is no persona #${personaId}.`);
  return view(persona);
}

/** A marketer's name and description; the generated name stays alongside. */
export async function renamePersona(db: Db, personaId: number, changes: { name?: string; description?: string | null }): Promise<PersonaView> {
  await getPersona(db, personaId);
  await updatePersonaFields(db, personaId, { name: changes.name?.trim(), description: changes.description });
  return getPersona(db, personaId);
}

/** A pinned persona survives rediscovery with its name and centroid. */
export async function pinPersona(db: Db, personaId: number, isPinned: boolean): Promise<PersonaView> {
  const persona = await getPersona(db, personaId);
  if (persona.isRetired) throw new AppError(segmentErrorCodes.personaNotFound, `Persona #${personaId} was retired by a later discovery; pin one of the current personas.`);
  await updatePersonaFields(db, personaId, { isPinned });
  return getPersona(db, personaId);
}
