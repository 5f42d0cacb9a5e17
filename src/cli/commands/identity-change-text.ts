/** An identity as the CLI names it: an external id by its namespace, an email or phone by its kind. */
export const identityName = (identity: { kind: string; namespace?: string | null; value: string }) =>
  `${identity.kind === 'external' ? identity.namespace : identity.kind} ${identity.value}`;

type Triple = { kind: string; namespace?: string | null; value: string };
type Replaced = { kind: string; from: string; to: string | null };
type Kept = { kind: string; value: string; mergeId: number };

const isArrayOf = <T>(value: unknown): value is T[] => Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null);

/**
 * What a customer update did to identities (customerUpdateAuditDetail's keys), on one line, or
 * null when it did nothing to them. A new email or phone that replaced an old one is said once,
 * as the replacement, not again as an addition.
 */
export function identityChangeText(detail: { addedIdentities?: unknown; replacedIdentities?: unknown; keptIdentities?: unknown }): string | null {
  const replaced = isArrayOf<Replaced>(detail.replacedIdentities) ? detail.replacedIdentities : [];
  const added = isArrayOf<Triple>(detail.addedIdentities) ? detail.addedIdentities : [];
  const kept = isArrayOf<Kept>(detail.keptIdentities) ? detail.keptIdentities : [];
  const replacements = new Set(replaced.map((entry) => `${entry.kind} ${entry.to}`));
  const parts = [
    ...replaced.map((entry) => (entry.to === null ? `${entry.kind} ${entry.from} removed with the field` : `${entry.kind} ${entry.from} replaced by ${entry.to}`)),
    ...added.filter((identity) => !replacements.has(identityName(identity))).map((identity) => `added ${identityName(identity)}`),
    ...kept.map((entry) => `${entry.kind} ${entry.value} kept (merge ${entry.mergeId} brought it; undo the merge to remove it)`),
  ];
  return parts.length > 0 ? `identities: ${parts.join(', ')}` : null;
}
