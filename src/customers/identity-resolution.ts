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

/** A customer-file row refused before anything of it is written. */
export type RowRefusal =
  | { row: number; kind: 'unnamed' }
  | { row: number; kind: 'duplicate'; ref: CustomerRef; line: number }
  | { row: number; kind: 'taken'; ref: CustomerRef; resolved: Resolved; owner: Resolved };

export type FileResolution = BatchResolution & {
  /** Refused rows; their assignment is `{ slot: -1 }` and none of their refs is attached. */
  refusals: RowRefusal[];
  /** Per row: whether it created its customer or attached an identity to them. */
  addsIdentity: boolean[];
};

// An email or phone names one person: a row whose email belongs to someone else is a conflict to
// resolve (a merge, or a corrected address), not an identity to drop quietly.
const exclusiveKinds: ReadonlySet<CustomerRef['kind']> = new Set(['email', 'phone']);

const isSameCustomer = (a: Resolved, b: Resolved) => ('customerId' in a ? 'customerId' in b && a.customerId === b.customerId : 'slot' in b && a.slot === b.slot);

/**
 * Resolves the rows of a customer file one after another, each as if it were
 * imported alone, so that how the file is cut into batches changes nothing.
 * A row belongs to the customer of its first ref that is known (stored, or
 * named by an earlier row) and its other refs are attached to them; a row
 * with no known ref is a new person. A row is refused, with nothing of it
 * attached, when its first ref was the first ref of an earlier row
 * (`earlierFirstRefs` holds those of earlier batches: the same id twice) or
 * when its email or phone belongs to another customer.
 */
export function resolveFileRows(rows: ReadonlyArray<{ refs: CustomerRef[]; line: number }>, known: ReadonlyMap<string, number>, earlierFirstRefs: ReadonlyMap<string, number>): FileResolution {
  const attached = new Map<string, Resolved>();
  const ownerOf = (key: string): Resolved | undefined => {
    const found = attached.get(key);
    if (found) return found;
    const customerId = known.get(key);
    return customerId === undefined ? undefined : { customerId };
  };
  const firstRefs = new Map<string, number>();
  const result: FileResolution = { assignments: [], newCustomers: [], newIdentities: [], refusals: [], addsIdentity: [] };
  const refuse = (refusal: RowRefusal) => {
    result.refusals.push(refusal);
    result.assignments.push({ slot: -1 });
    result.addsIdentity.push(false);
  };

  rows.forEach(({ refs, line }, row) => {
    if (refs.length === 0) return refuse({ row, kind: 'unnamed' });
    const keys = refs.map(identityTripleKey);
    const earlierLine = firstRefs.get(keys[0]) ?? earlierFirstRefs.get(keys[0]);
    if (earlierLine !== undefined) return refuse({ row, kind: 'duplicate', ref: refs[0], line: earlierLine });
    const owners = keys.map(ownerOf);
    const matched = owners.find((owner) => owner !== undefined);
    if (matched) {
      const taken = refs.findIndex((ref, index) => exclusiveKinds.has(ref.kind) && owners[index] !== undefined && !isSameCustomer(owners[index], matched));
      if (taken >= 0) return refuse({ row, kind: 'taken', ref: refs[taken], resolved: matched, owner: owners[taken]! });
    }
    const customer: Resolved = matched ?? { slot: result.newCustomers.length };
    if (!matched) result.newCustomers.push([]);
    let adds = false;
    refs.forEach((ref, index) => {
      if (ownerOf(keys[index])) return;
      attached.set(keys[index], customer);
      adds = true;
      if ('customerId' in customer) result.newIdentities.push({ identity: toIdentityTriple(ref), customerId: customer.customerId });
      else result.newCustomers[customer.slot].push(toIdentityTriple(ref));
    });
    result.assignments.push(customer);
    result.addsIdentity.push(adds);
    firstRefs.set(keys[0], line);
  });
  return result;
}
