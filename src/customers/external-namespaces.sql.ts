import { sql } from 'kysely';

/**
 * The recursive CTE `namespaces` (one row per external id system, then a null): a loose index
 * scan over the identity key (kind, namespace, value), one probe per system, for the few systems a
 * store has. Write it after `with recursive`.
 */
export const externalNamespacesWalk = sql`namespaces as (
      select min(namespace) as namespace from customer_identity where kind = 'external'
      union all
      select (select min(i.namespace) from customer_identity i where i.kind = 'external' and i.namespace > n.namespace)
      from namespaces n where n.namespace is not null
    )`;
