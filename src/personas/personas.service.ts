import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { systemClock } from '../core/clock.js';
import { followPersonaRename, segmentErrorCodes } from '../segments/index.js';
import { storeNow } from '../settings/index.js';
import { inTransaction } from '../db/in-transaction.js';
import { requireCurrentModel } from './assign.service.js';
import { minimumBuyersForDiscovery } from './discovery-minimum.js';
import { countBuyers } from './persona-features.repo.js';
import { countPersonaMembers, listPersonaMemberRows, type PersonaMemberRow } from './persona-members.repo.js';
import type { PersonaProfile } from './persona-profile.repo.js';
import { personaErrorCodes } from './personas.errors.js';
import { findPersona, findPersonaNamed, updatePersonaFields, type PersonaModel } from './personas.repo.js';

type Db = Kysely<Database>;

export type PersonaView = {
  personaId: number; name: string; generatedName: string; description: string | null; isPinned: boolean; isRetired: boolean; profile: PersonaProfile;
};
export type PersonaList = { model: Omit<PersonaModel, 'spec'> & { features: string[] }; personas: PersonaView[] };

const view = (persona: { persona_id: number; name: string; generated_name: string; description: string | null; is_pinned: boolean; profile: unknown; retired_at?: Date | null }): PersonaView => ({
  personaId: persona.persona_id, name: persona.name, generatedName: persona.generated_name, description: persona.description,
  isPinned: persona.is_pinned, isRetired: Boolean(persona.retired_at), profile: persona.profile as PersonaProfile,
});

/**
 * Size and share as they are now; the rest of the profile is as of the last
 * discovery or full assignment, which are what recompute it.
 */
function withMembersNow(persona: PersonaView, members: Map<number, number>): PersonaView {
  const total = [...members.values()].reduce((sum, count) => sum + count, 0);
  const size = members.get(persona.personaId) ?? 0;
  return { ...persona, profile: { ...persona.profile, size, share: total > 0 ? size / total : 0 } };
}

/** The current personas, largest first, with the model they come from. */
/** `found` is the current model when the caller read it already. */
export async function listPersonas(db: Db, found?: PersonaModel | null): Promise<PersonaList> {
  const { model, personas } = await requireCurrentModel(db, found);
  const { spec, ...rest } = model;
  const members = await countPersonaMembers(db, model.model_id);
  return {
    model: { ...rest, features: spec.columns.filter((_, index) => spec.multipliers[index] !== 0).map((column) => column.name) },
    personas: personas.map((persona) => withMembersNow(view(persona), members)).sort((a, b) => b.profile.size - a.profile.size),
  };
}

/**
 * What a discovery with the default range of k needs; the store's buyers who
 * may be profiled, counted no further than that; and the buyers left out of
 * personas because they have not agreed to profiling.
 */
export type DiscoveryReadiness = { minimumBuyers: number; buyers: number; withoutConsent: number };

/** Read before any click, so the page can say that a store is too small instead of letting the discovery fail. */
export async function readDiscoveryReadiness(db: Db): Promise<DiscoveryReadiness> {
  const minimumBuyers = minimumBuyersForDiscovery();
  const { profiled, withoutConsent } = await countBuyers(db, { profiledUpTo: minimumBuyers });
  return { minimumBuyers, buyers: profiled, withoutConsent };
}

export async function getPersona(db: Db, personaId: number): Promise<PersonaView> {
  const persona = await findPersona(db, personaId);
  if (!persona) throw new AppError(segmentErrorCodes.personaNotFound, `There is no persona #${personaId}.`);
  // a retired persona has no members: its stored profile is what it was
  return persona.retired_at ? view(persona) : withMembersNow(view(persona), await countPersonaMembers(db, persona.model_id));
}

export type PersonaMembersPage = { items: PersonaMemberRow[]; next: number | null };

/** One page of a persona's members in customer id order, after the customer id `after`. */
export async function listPersonaMembers(db: Db, personaId: number, options: { limit?: number; after?: number }): Promise<PersonaMembersPage> {
  if (!(await findPersona(db, personaId))) throw new AppError(segmentErrorCodes.personaNotFound, `There is no persona #${personaId}.`);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 1000);
  const items = await listPersonaMemberRows(db, personaId, { limit, afterCustomerId: options.after });
  return { items, next: items.length === limit ? items[items.length - 1].customer_id : null };
}

/** A marketer's name and description; the generated name stays alongside. Two personas of one discovery never share a name. */
export async function renamePersona(db: Db, personaId: number, changes: { name?: string; description?: string | null }): Promise<PersonaView> {
  const name = changes.name?.trim();
  await inTransaction(db, async (trx) => {
    const persona = await findPersona(trx, personaId);
    if (!persona) throw new AppError(segmentErrorCodes.personaNotFound, `There is no persona #${personaId}.`);
    const namesake = name === undefined ? undefined : await findPersonaNamed(trx, { modelId: persona.model_id, name, exceptPersonaId: personaId });
    if (namesake) {
      throw new AppError(personaErrorCodes.nameExists, `Persona #${namesake.persona_id} of the same discovery is already called "${namesake.name}" (names are compared ignoring case): choose another name.`, { field: 'name', personaId: namesake.persona_id });
    }
    await updatePersonaFields(trx, personaId, { name, description: changes.description });
    // segments name personas: they follow the new name in the same commit (docs/segments.md)
    if (name !== undefined && name !== persona.name) await followPersonaRename(trx, { from: persona.name, to: name }, { asOf: await storeNow(trx, systemClock) });
  });
  return getPersona(db, personaId);
}

/** A pinned persona survives rediscovery with its name and centroid. */
export async function pinPersona(db: Db, personaId: number, isPinned: boolean): Promise<PersonaView> {
  const persona = await getPersona(db, personaId);
  if (persona.isRetired) throw new AppError(segmentErrorCodes.personaNotFound, `Persona #${personaId} was retired by a later discovery; pin one of the current personas.`);
  await updatePersonaFields(db, personaId, { isPinned });
  return getPersona(db, personaId);
}
