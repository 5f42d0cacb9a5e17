import type { CustomerRef } from '../ingest/canonical.js';
import { normaliseEmail } from './identity.js';

export type IdentityTriple = { kind: CustomerRef['kind']; namespace: string; value: string };

/** A ref the row does not state but that was read from another: an email given as the customer id. */
export type GuessedRef = Extract<CustomerRef, { kind: 'email' }> & { isGuessed: true };

export function isGuessedRef(ref: CustomerRef): boolean {
  return (ref as Partial<GuessedRef>).isGuessed === true;
}

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

const isSameCustomer = (a: Resolved, b: Resolved) => ('customerId' in a ? 'customerId' in b && a.customerId === b.customerId : 'slot' in b && a.slot === b.slot);

/** Whether an external ref is the customer id a guessed email of the row was read from. */
function isIdOfGuess(ref: CustomerRef, refs: ReadonlyArray<CustomerRef>): boolean {
  const address = normaliseEmail(ref.value).value;
  return address !== null && refs.some((other) => isGuessedRef(other) && other.value === address);
}

/**
 * Decides which customer each row belongs to, row by row in batch order, each
 * row as if imported alone after the rows before it: a row belongs to the
 * customer of its first ref (priority order) that is known — stored, or
 * attached by an earlier row — and its other refs are attached to that
 * customer unless someone already holds them. A row with no known ref is a
 * new customer holding all its refs, so one person arriving through two
 * channels in one file is created once. Because every row sees exactly what
 * the rows before it left, the result is the same however the file is cut
 * into batches (a batch of one row sees the earlier rows as stored), and a new
 * customer never holds a ref another customer has. A customer id that is an email
 * someone else holds (a stated phone led the row elsewhere) is not attached either. Refs are never moved
 * between customers here: that is what an explicit, auditable merge is for.
 */
export function resolveBatchIdentities(rowRefs: CustomerRef[][], known: ReadonlyMap<string, number>): BatchResolution {
  const owner = new Map<string, Resolved>();
  for (const [key, customerId] of known) owner.set(key, { customerId });
  const result: BatchResolution = { assignments: [], newCustomers: [], newIdentities: [] };
  for (const refs of rowRefs) {
    if (refs.length === 0) {
      result.assignments.push({ slot: -1 });
      continue;
    }
    const keys = refs.map(identityTripleKey);
    const matched = keys.map((key) => owner.get(key)).find((resolved) => resolved !== undefined);
    const customer: Resolved = matched ?? { slot: result.newCustomers.length };
    if (!matched) result.newCustomers.push([]);
    const guessedOwner = refs.map((ref, index) => (isGuessedRef(ref) ? owner.get(keys[index]) : undefined)).find((resolved) => resolved !== undefined);
    const idNamesSomeoneElse = guessedOwner !== undefined && !isSameCustomer(guessedOwner, customer);
    refs.forEach((ref, index) => {
      if (owner.has(keys[index])) return;
      // an id that is the address of someone else (a stated phone outranked it) is not made this
      // customer's: later rows with only that id would follow them instead of the address's owner
      if (idNamesSomeoneElse && ref.kind === 'external' && isIdOfGuess(ref, refs)) return;
      owner.set(keys[index], customer);
      if ('customerId' in customer) result.newIdentities.push({ identity: toIdentityTriple(ref), customerId: customer.customerId });
      else result.newCustomers[customer.slot].push(toIdentityTriple(ref));
    });
    result.assignments.push(customer);
  }
  return result;
}

/** A customer-file row refused before anything of it is written. */
export type RowRefusal =
  | { row: number; kind: 'unnamed' }
  | { row: number; kind: 'duplicate'; ref: CustomerRef; line: number }
  | { row: number; kind: 'taken'; ref: CustomerRef; resolved: Resolved; owner: Resolved };

/** Stubs a customer-file row joined: each is to be merged into the row's customer before the row is written. */
export type StubJoin = { row: number; kept: Resolved; mergedIds: number[] };

export type FileResolution = BatchResolution & {
  /** Refused rows; their assignment is `{ slot: -1 }` and none of their refs is attached. */
  refusals: RowRefusal[];
  /** Per row: whether it created its customer or attached an identity to them. */
  addsIdentity: boolean[];
  /** In row order; a stub appears in at most one join. */
  joins: StubJoin[];
};

/**
 * Resolves the rows of a customer file one after another, each as if it were
 * imported alone, so that how the file is cut into batches changes nothing.
 * A row belongs to the customer its refs name (stored, or named by an earlier
 * row) and its other refs are attached to them; a row with no known ref is a
 * new person. A row is refused, with nothing of it attached, when its first
 * ref was the first ref of an earlier row (`earlierFirstRefs` holds those of
 * earlier batches: the same id twice).
 *
 * A row whose refs belong to several customers describes the customer of its
 * first known ref. When the others are all `stubs` (created from orders or
 * events, never described by a customer row or the API), the row joins them:
 * they are to be merged into that customer, which the row completes. When one
 * of the others has a profile, the row is refused: an id, email or phone that
 * belongs to someone else is a conflict to resolve (a merge, or a corrected
 * row), not an identity to drop quietly or a profile to join silently. A stub
 * a row was assigned to is completed by it and counts as a profile for later
 * rows. A guessed ref (an email read from the customer id) follows the same rules, except that one
 * another profile holds is left off rather than refusing the row.
 */
export function resolveFileRows(
  rows: ReadonlyArray<{ refs: CustomerRef[]; line: number }>, known: ReadonlyMap<string, number>, earlierFirstRefs: ReadonlyMap<string, number>,
  stubs: ReadonlySet<number> = new Set(),
): FileResolution {
  const attached = new Map<string, Resolved>();
  const mergedInto = new Map<number, Resolved>();
  const completed = new Set<number>();
  const ownerOf = (key: string): Resolved | undefined => {
    const found = attached.get(key);
    if (found) return found;
    const customerId = known.get(key);
    if (customerId === undefined) return undefined;
    return mergedInto.get(customerId) ?? { customerId };
  };
  const isStub = (resolved: Resolved) => 'customerId' in resolved && stubs.has(resolved.customerId) && !completed.has(resolved.customerId);
  const firstRefs = new Map<string, number>();
  const result: FileResolution = { assignments: [], newCustomers: [], newIdentities: [], refusals: [], addsIdentity: [], joins: [] };
  const refuse = (refusal: RowRefusal) => {
    result.refusals.push(refusal);
    result.assignments.push({ slot: -1 });
    result.addsIdentity.push(false);
  };

  // a guessed ref held by a profile other than the ones the row's stated refs name is left off, not a
  // conflict: the row is then read as it was before the guess (a re-import refuses nothing new)
  const withoutGuessesTaken = (refs: CustomerRef[]) => {
    const statedOwners = refs.filter((ref) => !isGuessedRef(ref)).map((ref) => ownerOf(identityTripleKey(ref))).filter((owner) => owner !== undefined);
    return refs.filter((ref) => {
      const owner = isGuessedRef(ref) ? ownerOf(identityTripleKey(ref)) : undefined;
      return owner === undefined || isStub(owner) || statedOwners.length === 0 || statedOwners.some((stated) => isSameCustomer(stated, owner));
    });
  };

  rows.forEach(({ refs: rowRefs, line }, row) => {
    if (rowRefs.length === 0) return refuse({ row, kind: 'unnamed' });
    const refs = withoutGuessesTaken(rowRefs);
    const keys = refs.map(identityTripleKey);
    const earlierLine = firstRefs.get(keys[0]) ?? earlierFirstRefs.get(keys[0]);
    if (earlierLine !== undefined) return refuse({ row, kind: 'duplicate', ref: refs[0], line: earlierLine });
    const owners = keys.map(ownerOf);
    const holders: Resolved[] = [];
    for (const owner of owners) if (owner && !holders.some((holder) => isSameCustomer(holder, owner))) holders.push(owner);
    const matched = holders[0];
    const otherProfile = holders.slice(1).find((holder) => !isStub(holder));
    if (otherProfile) {
      const taken = owners.findIndex((owner) => owner !== undefined && isSameCustomer(owner, otherProfile));
      return refuse({ row, kind: 'taken', ref: refs[taken], resolved: matched, owner: otherProfile });
    }
    const customer: Resolved = matched ?? { slot: result.newCustomers.length };
    if (!matched) result.newCustomers.push([]);
    const joined = holders.filter((holder) => !isSameCustomer(holder, customer)).map((holder) => (holder as { customerId: number }).customerId);
    for (const customerId of joined) mergedInto.set(customerId, customer);
    if (joined.length > 0) result.joins.push({ row, kept: customer, mergedIds: joined });
    let adds = joined.length > 0;
    refs.forEach((ref, index) => {
      if (ownerOf(keys[index])) return;
      attached.set(keys[index], customer);
      adds = true;
      if ('customerId' in customer) result.newIdentities.push({ identity: toIdentityTriple(ref), customerId: customer.customerId });
      else result.newCustomers[customer.slot].push(toIdentityTriple(ref));
    });
    if ('customerId' in customer) completed.add(customer.customerId);
    result.assignments.push(customer);
    result.addsIdentity.push(adds);
    firstRefs.set(keys[0], line);
  });
  return result;
}
