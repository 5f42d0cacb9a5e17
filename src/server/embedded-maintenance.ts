import type { Logger } from 'pino';
import type { Store } from '../db/client.js';
import { maintainEmbeddedStore } from '../db/maintenance.js';

/** As often as autovacuum looks (autovacuum_naptime). */
const intervalMs = 60_000;

/**
 * On an embedded store, looks at once and then every minute for tables that
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
      .then((steps) => {
        if (steps.length === 0) return;
        const named = (done: (step: (typeof steps)[number]) => boolean) => steps.filter(done).map((step) => step.table);
        logger.info({ vacuumed: named((step) => step.vacuum), analyzed: named((step) => step.analyze) }, 'Embedded store maintenance (what autovacuum would do)');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'Embedded store maintenance failed'))
      .finally(() => { running = null; });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    /** Waits for a run under way, then carries this session's counts over for the next (see db/maintenance.ts). */
    stop: async () => {
      clearInterval(timer);
      await running;
      await maintainEmbeddedStore(store, { closing: true }).catch((error: unknown) => logger.warn({ err: error }, 'Embedded store maintenance failed'));
    },
  };
}
