import type { CustomerRef } from '../ingest/canonical.js';

export type IdentityTriple = { kind: CustomerRef['kind']; namespace: string; value: string };

export function toIdentityTriple(ref: CustomerRef): IdentityTriple {
  return { kind: ref.kind, namespace: ref.kind === 'external' ? ref.namespace : '', value: ref.value };
}

export function identityTripleKey(ref: CustomerRef | IdentityTriple): string {
  const namespace = ref.kind === 'external' ? ref.namespace : '';
  return `${ref.kind}\u0000${namespace}\u0000${ref.value}`;
}

/** A customer that resolution decided to create; `slot` indexes `newCustomers`. */
export type Resolved = { customerId: number } | { slot: number };

export type BatchResolution = {
  /** One entry per input row, in order. */
  assignments: Resolved[];
  /** Refs of each new customer, in creation order. */
  newCustomers: IdentityTriple[][];
  /** Identities to attach to customers that already exist. */
  newIdentities: Array<{ identity: IdentityTriple; customerId: number }>;
};

/**
 * Decides which customer each row belongs to. A row belongs to the customer of
 * its first ref (priority order) that is already known; its other refs are
 * attached to that customer unless another customer holds them. Rows with no
 * known ref become new customers, and rows sharing any ref within the batch
 * become the same new customer, so one person arriving through two channels
 * in one file is created once. Refs are never moved between existing
 * customers here: that is what an explicit, auditable merge is for.
 */
export function resolveBatchIdentities(rowRefs: CustomerRef[][], known: ReadonlyMap<string, number>): BatchResolution {
  const owner = new Map<string, number>(known);
  const newIdentities: BatchResolution['newIdentities'] = [];
  const assignments: Array<Resolved | undefined> = new Array(rowRefs.length);

  const attach = (ref: CustomerRef, customerId: number) => {
    const key = identityTripleKey(ref);
    if (owner.has(key)) return;
    owner.set(key, customerId);
    newIdentities.push({ identity: toIdentityTriple(ref), customerId });
  };

  // Pass 1 and 2: rows with a ref held by an existing customer (pass 2 sees refs attached in pass 1).
  for (let pass = 0; pass < 2; pass += 1) {
    rowRefs.forEach((refs, row) => {
      if (assignments[row]) return;
      const match = refs.find((ref) => owner.has(identityTripleKey(ref)));
      if (!match) return;
      const customerId = owner.get(identityTripleKey(match))!;
      assignments[row] = { customerId };
      for (const ref of refs) attach(ref, customerId);
    });
  }

  // Remaining rows: group by shared refs (union-find over ref keys) into new customers.
  const parent = new Map<string, string>();
  const find = (key: string): string => {
    let root = key;
    while (parent.get(root) !== root) root = parent.get(root)!;
    let node = key;
    while (node !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const unresolvedRows: number[] = [];
  rowRefs.forEach((refs, row) => {
    if (assignments[row] || refs.length === 0) return;
    unresolvedRows.push(row);
    const keys = refs.map(identityTripleKey);
    for (const key of keys) if (!parent.has(key)) parent.set(key, key);
    for (const key of keys.slice(1)) {
      const a = find(keys[0]);
      const b = find(key);
      if (a !== b) parent.set(b, a);
    }
  });

  const slotByRoot = new Map<string, number>();
  const newCustomers: IdentityTriple[][] = [];
  const seenInSlot = new Set<string>();
  for (const row of unresolvedRows) {
    const refs = rowRefs[row];
    const root = find(identityTripleKey(refs[0]));
    let slot = slotByRoot.get(root);
    if (slot === undefined) {
      slot = newCustomers.length;
      slotByRoot.set(root, slot);
      newCustomers.push([]);
    }
    assignments[row] = { slot };
    for (const ref of refs) {
      const key = identityTripleKey(ref);
      if (seenInSlot.has(key)) continue;
      seenInSlot.add(key);
      newCustomers[slot].push(toIdentityTriple(ref));
    }
  }

  return {
    assignments: assignments.map((assignment) => assignment ?? { slot: -1 }),
    newCustomers,
    newIdentities,
  };
}
