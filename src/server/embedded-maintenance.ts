import type { Logger } from 'pino';
import type { Store } from '../db/client.js';
import { maintainEmbeddedStore } from '../db/maintenance.js';

/** As often as autovacuum looks (autovacuum_naptime). */
const intervalMs = 60_000;

/**
 * On an embedded store, looks now and then every minute for tables that
 * autovacuum would vacuum or analyze (see db/maintenance.ts), so a store that
 * takes orders through the API keeps its planner statistics. Does nothing for
 * a PostgreSQL server, which has autovacuum.
 */
export function startEmbeddedMaintenance(store: Store, logger: Logger): { stop: () => Promise<void> } {
  if (store.kind !== 'embedded') return { stop: async () => undefined };
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    running = maintainEmbeddedStore(store)
      .then((steps) => { if (steps.length > 0) logger.info({ tables: steps }, 'Embedded store maintenance (what autovacuum would do)'); })
      .catch((error: unknown) => logger.warn({ err: error }, 'Embedded store maintenance failed'))
      .finally(() => { running = null; });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
