/** A table as the store copy writes it: its columns (generated ones left out: the target makes them) and what it refers to. */
export type CopiedTable = {
  name: string;
  columns: Array<{ name: string; type: string }>;
  /** A `generated always as identity` column, which an insert may fill only with `overriding system value`. */
  alwaysIdentity: boolean;
  /** Triggers of the store's own (the store-wide aggregates), switched off while the copied rows go in. */
  hasTriggers: boolean;
  /** Tables its foreign keys name (itself included when it refers to itself). */
  references: string[];
};

/**
 * The tables in an order their foreign keys allow: a table after every table it refers to,
 * otherwise by name, so two copies of one store write in the same order. A table referring to
 * itself is read in one batch (see readBatches) rather than ordered.
 */
export function copyOrder(tables: CopiedTable[]): CopiedTable[] {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const placed = new Set<string>();
  const ordered: CopiedTable[] = [];
  const visiting = new Set<string>();
  const place = (table: CopiedTable) => {
    if (placed.has(table.name)) return;
    if (visiting.has(table.name)) throw new Error(`Foreign keys form a cycle through ${table.name}: the store copy cannot order its tables.`);
    visiting.add(table.name);
    for (const name of [...table.references].sort()) {
      const referred = byName.get(name);
      if (referred && name !== table.name) place(referred);
    }
    visiting.delete(table.name);
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) place(table);
  return ordered;
}
