import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

type Db = Kysely<Database>;

type SpellState = { openIds: number[]; maxId: number };

/**
 * How a merge changed one customer's type spells, so its undo can take the change back:
 * the spells it opened, those it closed (with the time it closed them) and the spells
 * that were open once it was done.
 */
export type MergeSpellChange = {
  customerId: number;
  opened: number[];
  closed: Array<{ id: number; leftAt: string }>;
  after: SpellState;
};

/** Each customer's open spells and latest spell id: what a change of their history is judged against. */
export async function readSpellStates(db: Db, customerIds: number[]): Promise<Map<number, SpellState>> {
  const rows = await db.selectFrom('customer_type_history').select(['customer_id', 'history_id', 'left_at'])
    .where('customer_id', 'in', customerIds).execute();
  const states = new Map<number, SpellState>(customerIds.map((id) => [id, { openIds: [], maxId: 0 }]));
  for (const row of rows) {
    const state = states.get(Number(row.customer_id))!;
    const id = Number(row.history_id);
    if (row.left_at === null) state.openIds.push(id);
    state.maxId = Math.max(state.maxId, id);
  }
  for (const state of states.values()) state.openIds.sort((a, b) => a - b);
  return states;
}

/** What changed in each customer's spells between two readings (readSpellStates). */
export async function spellChangesSince(db: Db, before: Map<number, SpellState>): Promise<MergeSpellChange[]> {
  const customerIds = [...before.keys()];
  const after = await readSpellStates(db, customerIds);
  const closedIds = customerIds.flatMap((id) => before.get(id)!.openIds.filter((spell) => !after.get(id)!.openIds.includes(spell)));
  const closed = closedIds.length === 0 ? [] : await db.selectFrom('customer_type_history').select(['customer_id', 'history_id', 'left_at'])
    .where('customer_id', 'in', customerIds).where('history_id', 'in', closedIds).execute();
  const ids = (rows: typeof closed, customerId: number) => rows.filter((row) => Number(row.customer_id) === customerId);
  return customerIds.map((customerId) => ({
    customerId,
    opened: after.get(customerId)!.openIds.filter((id) => id > before.get(customerId)!.maxId),
    closed: ids(closed, customerId).map((row) => ({ id: Number(row.history_id), leftAt: row.left_at!.toISOString() })),
    after: after.get(customerId)!,
  }));
}

function isSameState(a: SpellState | undefined, b: SpellState): boolean {
  return a !== undefined && a.maxId === b.maxId && a.openIds.join() === b.openIds.join();
}

/**
 * Takes back, after an undo reclassified its customers, the type changes the merge made:
 * a spell the merge opened and the undo closed goes, and a spell the merge closed whose type
 * the undo opened again continues (the undo's spell goes), so the history reads as if there
 * had been no merge. Only for a customer whose spells nothing changed between the merge and
 * the undo (`beforeUndo`, read before the undo reclassified): a later run that changed their
 * type made a real change, and the undo's changes after it are real too.
 */
export async function takeBackMergeSpellChanges(db: Db, changes: MergeSpellChange[] | undefined, beforeUndo: Map<number, SpellState>): Promise<void> {
  for (const change of changes ?? []) {
    const { customerId } = change;
    if (!isSameState(beforeUndo.get(customerId), change.after)) continue;
    const [undone] = await spellChangesSince(db, new Map([[customerId, beforeUndo.get(customerId)!]]));
    const closedByUndo = new Set(undone.closed.map((spell) => spell.id));
    const spells = await db.selectFrom('customer_type_history').select(['history_id', 'type', 'left_at'])
      .where('customer_id', '=', customerId).where('history_id', 'in', [0, ...undone.opened, ...change.closed.map((spell) => spell.id)]).execute();
    const undoOpened = spells.filter((spell) => undone.opened.includes(Number(spell.history_id)));
    // a spell the merge closed that is still as the merge left it, whose type the undo took again
    const rejoined = change.closed.flatMap((closed) => {
      const spell = spells.find((candidate) => Number(candidate.history_id) === closed.id && candidate.left_at?.toISOString() === closed.leftAt);
      const replaced = spell && undoOpened.find((opened) => opened.type === spell.type);
      return replaced ? [{ continued: closed.id, replaced: Number(replaced.history_id) }] : [];
    });
    const deleted = [...change.opened.filter((id) => closedByUndo.has(id)), ...rejoined.map((pair) => pair.replaced)];
    if (deleted.length > 0) await db.deleteFrom('customer_type_history').where('customer_id', '=', customerId).where('history_id', 'in', deleted).execute();
    // after the undo's spell is gone: one open spell per type
    if (rejoined.length > 0) {
      await db.updateTable('customer_type_history').set({ left_at: null })
        .where('customer_id', '=', customerId).where('history_id', 'in', rejoined.map((pair) => pair.continued)).execute();
    }
  }
}
