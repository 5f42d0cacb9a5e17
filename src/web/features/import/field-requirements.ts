import { AppError } from '../../../core/errors.js';
// The server's header rules, so the page asks for exactly what the importer will ask for.
import { canonicalFields, headerCheck, prefixedFields, type Mapping } from '../../../ingest/rows/fields.js';
import type { IngestEntity } from '../../api/types.js';

/**
 * One thing a file must hold: any one of `fields` meets it (`customer_id`, `customer_email` or
 * `customer_phone`), a single field when there is no alternative. A family is named by its
 * prefix (`external_id.`): any field of it counts.
 */
export type Requirement = { fields: readonly string[] };

/** What headerCheck says is missing from these fields: its labels, one per unmet requirement. */
function unmetLabels(entity: IngestEntity, fields: readonly string[]): string[] {
  try {
    headerCheck(entity, fields, {});
    return [];
  } catch (error) {
    if (error instanceof AppError && Array.isArray(error.details.missing)) return error.details.missing as string[];
    throw error;
  }
}

// a family's stand-in: any name after the prefix will do
const probeOf = (field: string) => (field.endsWith('.') ? `${field}probe` : field);

const requirementsByEntity = new Map<IngestEntity, Map<string, Requirement>>();

/**
 * The entity's requirements by headerCheck's label, found by asking headerCheck itself: a file
 * holding one field alone meets the requirements that are no longer missing. So an alternative
 * the server adds (`unit_price` for `amount`) shows here without being written twice.
 */
function requirementsByLabel(entity: IngestEntity): Map<string, Requirement> {
  const known = requirementsByEntity.get(entity);
  if (known) return known;
  const candidates = [...canonicalFields[entity], ...prefixedFields[entity]];
  const byLabel = new Map<string, Requirement>();
  for (const label of unmetLabels(entity, [])) {
    byLabel.set(label, { fields: candidates.filter((field) => !unmetLabels(entity, [probeOf(field)]).includes(label)) });
  }
  requirementsByEntity.set(entity, byLabel);
  return byLabel;
}

export function requirementsOf(entity: IngestEntity): Requirement[] {
  return [...requirementsByLabel(entity).values()];
}

/** The requirement a field is part of, if any: a field that meets nothing alone is optional. */
export function requirementOf(entity: IngestEntity, field: string): Requirement | null {
  const family = prefixedFields[entity].find((prefix) => field.startsWith(prefix));
  return requirementsOf(entity).find((requirement) => requirement.fields.includes(family ?? field)) ?? null;
}

/** The requirements the mapping does not meet yet (empty: ready), as the importer would judge it. */
export function missingRequirements(entity: IngestEntity, mapping: Mapping): Requirement[] {
  const byLabel = requirementsByLabel(entity);
  return unmetLabels(entity, Object.keys(mapping)).map((label) => byLabel.get(label) ?? { fields: [label] });
}
