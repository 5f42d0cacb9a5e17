/**
 * The transaction- or session-level advisory locks that keep
 * work of several processes sharing one store in turn: two servers behind a proxy, a cron job's
 * `clientele analyze`, a nightly CLI import. Advisory locks are server-wide, not per database, so
 * each purpose has a number of its own; those defined elsewhere before this list are named here so
 * a new one does not collide: migrations 727274 (db/migrate.ts), customer merges 727275
 * (customers.service.ts), staff changes 727276 (auth/users.repo.ts; also the class of the two-key
 * identity locks, customers/identity-locks.ts), import runs and the report cache's writers (their
 * own two-key classes, ingest/import-run-session.repo.ts, reports/report-cache.ts). Each key below is
 * the class of a two-key lock whose second key is the store's schema, hashtext(current_schema()):
 * stores in other schemas of one server have policies, models and demos of their own.
 */
export const storeLockKeys = {
  /** The customer-type policy and the analyses that apply it (analytics). */
  typePolicy: 727277,
  /** Fitting the models and storing predictions (models). */
  modelRun: 727278,
  /** Discovering personas and storing the current model (personas). */
  personaDiscovery: 727279,
  /** Loading the demo store into an empty store (demo). */
  demoLoad: 727280,
} as const;
