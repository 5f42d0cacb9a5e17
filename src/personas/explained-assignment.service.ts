import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { assignPersonas, type Assignment } from './assign.service.js';
import { findCurrentModel } from './personas.repo.js';
import { findUnassignable, type Unassigned } from './unassigned.repo.js';

/** An unassigned customer with the reason in words, for a reader who does not know the codes. */
export type ExplainedUnassigned = Unassigned & { message: string };

/**
 * An assignment answered to a person (CLI) or a caller (API): with ids, those
 * left out and why, and whether there are personas at all; a bare "0 assigned"
 * would not say why (with ids, assignPersonas places no one before a discovery,
 * as the ingest path needs).
 */
export type ExplainedAssignment = Assignment & { hasPersonas: boolean; notAssigned?: ExplainedUnassigned[] };

export async function assignPersonasExplained(db: Kysely<Database>, customerIds: number[] | undefined, options: { asOf: Date }): Promise<ExplainedAssignment> {
  const assignment = await assignPersonas(db, customerIds, options);
  const hasPersonas = (await findCurrentModel(db)) !== null;
  if (!customerIds) return { ...assignment, hasPersonas };
  const notAssigned = (await findUnassignable(db, customerIds)).map((entry) => ({ ...entry, message: unassignedText(entry) }));
  return { ...assignment, hasPersonas, notAssigned };
}

/** Why a customer asked for by id is in no persona, in words. */
function unassignedText(entry: Unassigned): string {
  switch (entry.reason) {
    case 'notFound': return `customer ${entry.customerId} does not exist`;
    case 'mergedAway': return `customer ${entry.customerId} was merged into customer ${entry.mergedInto}: assign that one`;
    case 'notBuyer': return `customer ${entry.customerId} has no paid order: personas describe buyers`;
    case 'noProfilingConsent': return `customer ${entry.customerId} has not agreed to profiling (consent_profiling no, or never asked)`;
  }
}
